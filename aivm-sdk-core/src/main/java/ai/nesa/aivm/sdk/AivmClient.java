package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.sdk.access.AccessControl;
import ai.nesa.aivm.sdk.inference.InferenceClient;
import ai.nesa.aivm.sdk.internal.ClientConfig;
import ai.nesa.aivm.sdk.internal.ClientFactory;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.metrics.MetricsFeed;
import ai.nesa.aivm.sdk.models.ModelRegistry;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * The entry point of the AIVM SDK: one client per gateway, with the services reached through
 * accessors.
 *
 * <pre>{@code
 * try (AivmClient client = AivmClient.builder()
 *     .gateway(URI.create("https://gateway.example"))
 *     .apiKey(System.getenv("AIVM_API_KEY"))
 *     .build()) {
 *   client.models().list(p -> p.query("sentiment").limit(10)).items()
 *       .forEach(m -> System.out.println(m.id()));
 * }
 * }</pre>
 *
 * <h2>Clients should be shared</h2>
 * A client holds a connection pool and threads. Build one per gateway and share it: it is
 * thread-safe. {@link #newBuilder()} makes a client with other settings that shares the same
 * pool; each client must still be closed, and the pool goes away with the last one.
 *
 * <h2>Sync and async</h2>
 * Every service has an asynchronous twin with the same method names, reached through
 * {@link #async()}, returning {@link java.util.concurrent.CompletableFuture}s. Both share the
 * client's pool.
 *
 * <h2>Failures</h2>
 * Calls are retried after connection failures and 408, 409, 429 and 5xx answers as the {@link
 * RetryPolicy} says, within a whole-call timeout; a {@link CircuitBreakerPolicy} stops calls to a
 * gateway that keeps failing. What still fails arrives as an {@link AivmException}.
 *
 * @since 0.1.0
 */
public interface AivmClient extends AutoCloseable {

  /** The environment variable naming the gateway's URL. */
  String ENV_GATEWAY = "AIVM_GATEWAY_URL";
  /** The environment variable holding the API key. */
  String ENV_API_KEY = "AIVM_API_KEY";

  static Builder builder() {
    return new Builder();
  }

  /**
   * A client configured from the environment: {@value #ENV_GATEWAY} (required) and {@value
   * #ENV_API_KEY} (optional).
   *
   * @throws AivmValidationException when {@value #ENV_GATEWAY} is missing or not a URL
   */
  static AivmClient fromEnv() {
    return builder().fromEnv().build();
  }

  /** The model catalog. */
  ModelRegistry models();

  /**
   * Kernel upload and verified download, over the {@linkplain Builder#store(KernelStore) store}
   * the client was built with.
   *
   * @throws IllegalStateException when the client was built without a store
   */
  KernelUploader kernels();

  /**
   * Deployments and inferences, every result verified against the nodes' signed receipts (checked
   * against the {@linkplain Builder#ledger(Ledger) ledger} when the client has one, else against the
   * gateway's view of it).
   */
  InferenceClient inference();

  /**
   * Private models: publish encrypted, authorize nodes and hand them the key, revoke, rotate.
   *
   * @throws IllegalStateException unless the client was built with a {@linkplain
   *     Builder#store(KernelStore) store}, a {@linkplain Builder#ledger(Ledger) ledger} and a
   *     {@linkplain Builder#wallet(EthSigner) wallet} that is an {@link ai.nesa.aivm.sdk.access.Wallet}
   */
  AccessControl access();

  /** Real-time monitoring (a live event feed) and usage analytics of models and deployments. */
  MetricsFeed metrics();

  /** The asynchronous twin of this client, sharing its pool and settings. */
  AivmClientAsync async();

  /** A builder preset with this client's settings whose clients share this client's pool. */
  Builder newBuilder();

  /** The gateway this client talks to. */
  URI gateway();

  /**
   * Releases this client's share of the connection pool and threads. Calls in flight may fail;
   * closing twice does nothing.
   */
  @Override
  void close();

  /**
   * Builds an {@link AivmClient}. Only the gateway is required.
   *
   * @since 0.1.0
   */
  final class Builder {
    URI gateway;
    String apiKey;
    Duration connectTimeout = Duration.ofSeconds(10);
    Duration readTimeout = Duration.ofSeconds(30);
    Duration callTimeout = Duration.ofSeconds(60);
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    CircuitBreakerPolicy circuitBreaker = CircuitBreakerPolicy.defaults();
    RateLimit rateLimit;
    String applicationName;
    Clock clock = Clock.systemUTC();
    Sleeper sleeper = Sleeper.system();
    Random random = new Random();
    KernelStore store;
    Ledger ledger;
    EthSigner wallet;
    AivmClient shareWith;

    Builder() {}

    /** The gateway's base URL, {@code http} or {@code https}. */
    public Builder gateway(URI gateway) {
      Objects.requireNonNull(gateway, "gateway");
      String scheme = gateway.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || gateway.getHost() == null) {
        throw AivmValidationException.of("gateway", "url", gateway,
            "the gateway must be an absolute http or https URL: '" + gateway + "'");
      }
      this.gateway = gateway;
      return this;
    }

    /** The gateway's base URL, parsed. */
    public Builder gateway(String gateway) {
      Objects.requireNonNull(gateway, "gateway");
      try {
        return gateway(URI.create(gateway));
      } catch (IllegalArgumentException e) {
        throw AivmValidationException.of("gateway", "url", gateway, "the gateway is not a URL: '" + gateway + "'");
      }
    }

    /** The API key, sent as a bearer token. Never logged, never printed. */
    public Builder apiKey(String apiKey) {
      Objects.requireNonNull(apiKey, "apiKey");
      if (apiKey.isBlank()) {
        throw AivmValidationException.of("apiKey", "required", "the API key is blank");
      }
      this.apiKey = apiKey;
      return this;
    }

    /** Reads {@value AivmClient#ENV_GATEWAY} and {@value AivmClient#ENV_API_KEY}. */
    public Builder fromEnv() {
      return fromEnv(System.getenv());
    }

    /** Reads the same variables from {@code env}: for tests and for settings held elsewhere. */
    public Builder fromEnv(Map<String, String> env) {
      String url = env.get(ENV_GATEWAY);
      if (url == null || url.isBlank()) {
        throw AivmValidationException.of(ENV_GATEWAY, "required", null,
            ENV_GATEWAY + " is not set; set it to the gateway's URL, such as http://127.0.0.1:8080");
      }
      gateway(url.trim());
      String key = env.get(ENV_API_KEY);
      if (key != null && !key.isBlank()) {
        apiKey(key.trim());
      }
      return this;
    }

    /** How long to wait for a connection. Default 10 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive("connectTimeout", timeout);
      return this;
    }

    /** How long to wait for each read from the gateway. Default 30 s. */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive("readTimeout", timeout);
      return this;
    }

    /** How long one call may take in all, its retries and waits included. Default 60 s. */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive("callTimeout", timeout);
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Shorthand for the retry policy set so far with this many retries. Builder calls apply in
     * order: a later {@link #retryPolicy} replaces this.
     */
    public Builder maxRetries(int maxRetries) {
      return retryPolicy(retryPolicy.toBuilder().maxRetries(maxRetries).build());
    }

    public Builder circuitBreaker(CircuitBreakerPolicy policy) {
      this.circuitBreaker = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Turns the circuit breaker off: every call is sent, however the gateway has been doing. */
    public Builder noCircuitBreaker() {
      this.circuitBreaker = null;
      return this;
    }

    /** Caps how many calls start per period. Off by default. */
    public Builder rateLimit(RateLimit rateLimit) {
      this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
      return this;
    }

    /** Your application's name and version, added to the {@code User-Agent}, such as {@code shop/2.1}. */
    public Builder applicationName(String applicationName) {
      Objects.requireNonNull(applicationName, "applicationName");
      if (!applicationName.matches("[\\x21-\\x7e]+(?: [\\x21-\\x7e]+)*") || applicationName.length() > 128) {
        throw AivmValidationException.of("applicationName", "pattern", applicationName,
            "an application name is 1-128 printable ASCII characters");
      }
      this.applicationName = applicationName;
      return this;
    }

    /**
     * Makes the new client share {@code other}'s connection pool and threads instead of opening
     * its own. Each client must still be closed; the pool goes away with the last one.
     */
    public Builder sharePoolWith(AivmClient other) {
      this.shareWith = Objects.requireNonNull(other, "other");
      return this;
    }

    /** The clock for deadlines and {@code Retry-After} dates. For tests. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where {@link AivmClient#kernels()} stores kernels: {@link KernelStore#ipfs(URI)} or {@link
     * KernelStore#localDirectory(java.nio.file.Path)}. The caller keeps ownership: closing the
     * client does not close the store.
     */
    public Builder store(KernelStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The ledger the client trusts for what the chain records: inference receipts are checked
     * against its node registrations, grants and published manifest hashes instead of the
     * gateway's view of them. The caller keeps ownership.
     */
    public Builder ledger(Ledger ledger) {
      this.ledger = Objects.requireNonNull(ledger, "ledger");
      return this;
    }

    /**
     * The wallet that signs the ledger requests the client makes for you: {@code
     * kernels().register(...)} registers the model and publishes the version as this account, and
     * {@code models().review(...)} reviews as it. Its key never leaves the signer; the client sends
     * only signed requests. Needs a {@link #ledger(Ledger)}.
     */
    public Builder wallet(EthSigner wallet) {
      this.wallet = Objects.requireNonNull(wallet, "wallet");
      return this;
    }

    /** How the client waits between retries. For tests. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The source of backoff jitter. For tests. */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * @throws AivmValidationException when no gateway was set, or a wallet without a ledger
     */
    public AivmClient build() {
      if (gateway == null) {
        throw AivmValidationException.of("gateway", "required", null,
            "set the gateway's URL with gateway(...) or AIVM_GATEWAY_URL");
      }
      if (wallet != null && ledger == null) {
        throw AivmValidationException.of("ledger", "required", null,
            "a wallet signs ledger requests: give the client a ledger(...) to send them to");
      }
      return ClientFactory.create(new ClientConfig(gateway, apiKey, connectTimeout, readTimeout, callTimeout,
          retryPolicy, circuitBreaker, rateLimit, applicationName, clock, sleeper, random, store, ledger, wallet), shareWith);
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw AivmValidationException.of(name, "range", d, name + " must be positive, was " + d);
      }
      return d;
    }

    @Override
    public String toString() {
      return "AivmClient.Builder{gateway=" + gateway + ", apiKey=" + (apiKey == null ? "none" : "██") + "}";
    }
  }
}
