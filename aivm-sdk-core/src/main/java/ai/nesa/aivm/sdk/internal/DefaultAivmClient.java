package ai.nesa.aivm.sdk.internal;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.AivmClientAsync;
import ai.nesa.aivm.sdk.access.AccessControl;
import ai.nesa.aivm.sdk.access.AccessControlAsync;
import ai.nesa.aivm.sdk.access.Wallet;
import ai.nesa.aivm.sdk.inference.InferenceClient;
import ai.nesa.aivm.sdk.inference.InferenceClientAsync;
import ai.nesa.aivm.sdk.internal.access.DefaultAccessControl;
import ai.nesa.aivm.sdk.internal.access.DefaultAccessControlAsync;
import ai.nesa.aivm.sdk.internal.http.GatewayTransport;
import ai.nesa.aivm.sdk.internal.inference.DefaultInferenceClient;
import ai.nesa.aivm.sdk.internal.kernels.registration.KernelRegistrar;
import ai.nesa.aivm.sdk.internal.kernels.upload.DefaultKernelUploader;
import ai.nesa.aivm.sdk.internal.kernels.upload.DefaultKernelUploaderAsync;
import ai.nesa.aivm.sdk.internal.ledger.LedgerWriter;
import ai.nesa.aivm.sdk.internal.metrics.DefaultMetricsFeed;
import ai.nesa.aivm.sdk.internal.models.DefaultModelRegistry;
import ai.nesa.aivm.sdk.internal.models.DefaultModelRegistryAsync;
import ai.nesa.aivm.sdk.internal.models.ReviewPoster;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.KernelUploaderAsync;
import ai.nesa.aivm.sdk.metrics.MetricsFeed;
import ai.nesa.aivm.sdk.metrics.MetricsFeedAsync;
import ai.nesa.aivm.sdk.models.ModelRegistry;
import ai.nesa.aivm.sdk.models.ModelRegistryAsync;
import java.net.URI;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/** The client: services over one transport, and a share of the HTTP resources. */
final class DefaultAivmClient implements AivmClient {
  private final ClientConfig config;
  private final HttpResources resources;
  private final ModelRegistry models;
  private final KernelUploader kernels;
  private final DefaultInferenceClient inference;
  private final AccessControl access;
  private final DefaultMetricsFeed metrics;
  private final Async async;
  private final AtomicBoolean closed = new AtomicBoolean();

  DefaultAivmClient(ClientConfig config, HttpResources resources, GatewayTransport transport) {
    this.config = config;
    this.resources = resources;
    LedgerWriter writer = config.wallet() == null ? null
        : new LedgerWriter(config.ledger(), config.wallet(), config.clock(), config.sleeper());
    this.kernels = config.store() == null ? null
        : new DefaultKernelUploader(config.store(), writer == null ? null : new KernelRegistrar(writer));
    this.models = new DefaultModelRegistry(transport, writer == null ? null : new ReviewPoster(writer, config.store()));
    this.inference = DefaultInferenceClient.create(transport, models, config.ledger(),
        resources.dispatcher.executorService(), config.clock(), config.sleeper());
    this.metrics = new DefaultMetricsFeed(transport, config.clock(), config.sleeper(), config.random());
    this.access = kernels != null && config.wallet() instanceof Wallet wallet
        ? new DefaultAccessControl(kernels, writer, wallet, new SecureRandom()) : null;
    this.async = new Async(new DefaultModelRegistryAsync(transport, models, resources.dispatcher.executorService()),
        kernels == null ? null : new DefaultKernelUploaderAsync(kernels),
        access == null ? null : new DefaultAccessControlAsync(access));
  }

  HttpResources resources() {
    return resources;
  }

  @Override
  public ModelRegistry models() {
    return models;
  }

  @Override
  public KernelUploader kernels() {
    return requireStore(kernels);
  }

  @Override
  public InferenceClient inference() {
    return inference;
  }

  @Override
  public AccessControl access() {
    return requireAccess(access);
  }

  @Override
  public MetricsFeed metrics() {
    return metrics;
  }

  @Override
  public AivmClientAsync async() {
    return async;
  }

  @Override
  public URI gateway() {
    return config.gateway();
  }

  @Override
  public Builder newBuilder() {
    Builder b = AivmClient.builder()
        .gateway(config.gateway())
        .connectTimeout(config.connectTimeout())
        .readTimeout(config.readTimeout())
        .callTimeout(config.callTimeout())
        .retryPolicy(config.retryPolicy())
        .clock(config.clock())
        .sleeper(config.sleeper())
        .random(config.random())
        .sharePoolWith(this);
    if (config.store() != null) {
      b.store(config.store());
    }
    if (config.ledger() != null) {
      b.ledger(config.ledger());
    }
    if (config.wallet() != null) {
      b.wallet(config.wallet());
    }
    if (config.apiKey() != null) {
      b.apiKey(config.apiKey());
    }
    if (config.circuitBreaker() == null) {
      b.noCircuitBreaker();
    } else {
      b.circuitBreaker(config.circuitBreaker());
    }
    if (config.rateLimit() != null) {
      b.rateLimit(config.rateLimit());
    }
    if (config.applicationName() != null) {
      b.applicationName(config.applicationName());
    }
    return b;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      resources.release();
    }
  }

  @Override
  public String toString() {
    return "AivmClient{" + config + "}";
  }

  private static <T> T requireStore(T service) {
    if (service == null) {
      throw new IllegalStateException("this client has no KernelStore: build it with AivmClient.builder().store("
          + "KernelStore.ipfs(...) or KernelStore.localDirectory(...))");
    }
    return service;
  }

  private <T> T requireAccess(T service) {
    if (service == null) {
      throw new IllegalStateException("client.access() needs a KernelStore, a Ledger and a Wallet: build the client "
          + "with .store(...), .ledger(...) and .wallet(Wallet...)" + (config.wallet() == null ? ""
          : "; its wallet is a signer only (" + config.wallet().address() + "), and opening a private model's "
          + "keys needs the key itself"));
    }
    return service;
  }

  private final class Async implements AivmClientAsync {
    private final ModelRegistryAsync models;
    private final KernelUploaderAsync kernels;
    private final AccessControlAsync access;

    Async(ModelRegistryAsync models, KernelUploaderAsync kernels, AccessControlAsync access) {
      this.models = models;
      this.kernels = kernels;
      this.access = access;
    }

    @Override
    public ModelRegistryAsync models() {
      return models;
    }

    @Override
    public KernelUploaderAsync kernels() {
      return requireStore(kernels);
    }

    @Override
    public InferenceClientAsync inference() {
      return inference.async();
    }

    @Override
    public AccessControlAsync access() {
      return requireAccess(access);
    }

    @Override
    public MetricsFeedAsync metrics() {
      return metrics.async();
    }

    @Override
    public AivmClient sync() {
      return DefaultAivmClient.this;
    }

    @Override
    public void close() {
      DefaultAivmClient.this.close();
    }

    @Override
    public String toString() {
      return "AivmClientAsync{" + config + "}";
    }
  }
}
