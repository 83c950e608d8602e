package ai.nesa.aivm.sdk.internal.http;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.AivmServiceException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import ai.nesa.aivm.sdk.CircuitBreakerPolicy;
import ai.nesa.aivm.sdk.CircuitOpenException;
import ai.nesa.aivm.sdk.RetryPolicy;
import ai.nesa.aivm.sdk.UnexpectedResponseException;
import ai.nesa.aivm.sdk.internal.ClientConfig;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@link ApiRequest}s to one gateway and survives a flaky network: resilience4j decides
 * whether and when to retry, a circuit breaker stops hammering a failing gateway, an optional
 * rate limiter spaces calls, and a whole-call deadline bounds everything. Waits go through the
 * client's {@code Sleeper} and times through its {@code Clock}, so tests never sleep.
 *
 * <p>Sync and async calls share one attempt loop: the retry context tells how long to wait, and
 * only the waiting differs.
 */
public final class GatewayTransport {
  private static final Logger log = LoggerFactory.getLogger("ai.nesa.aivm.sdk.http");
  private static final Set<Integer> RETRYABLE = Set.of(408, 409, 429);
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final ClientConfig config;
  private final HttpUrl baseUrl;
  private final Retry retry;
  private final CircuitBreaker circuitBreaker;
  private final RateLimiter rateLimiter;
  private final String userAgent;

  public GatewayTransport(ClientConfig config, OkHttpClient http, String userAgent) {
    this.config = config;
    this.userAgent = userAgent;
    this.http = http;
    this.baseUrl = HttpUrl.get(config.gateway());
    this.retry = Retry.of("aivm-gateway", retryConfig(config));
    this.circuitBreaker = circuitBreaker(config);
    this.rateLimiter = config.rateLimit() == null ? null : RateLimiter.of("aivm-gateway",
        RateLimiterConfig.custom()
            .limitForPeriod(config.rateLimit().permits())
            .limitRefreshPeriod(config.rateLimit().period())
            .timeoutDuration(config.callTimeout())
            .build());
  }

  private static RetryConfig retryConfig(ClientConfig config) {
    RetryPolicy policy = config.retryPolicy();
    IntervalBiFunction<ApiResponse> interval = (attempt, outcome) -> delayMillis(config, attempt, outcome);
    return RetryConfig.<ApiResponse>custom()
        .maxAttempts(policy.maxRetries() + 1)
        .retryOnResult(r -> r.status() >= 500 || RETRYABLE.contains(r.status()))
        .retryOnException(e -> e instanceof IOException)
        .intervalBiFunction(interval)
        .failAfterMaxAttempts(false)
        .build();
  }

  /** The wait before attempt {@code attempt + 1}; negative ends the retries. */
  static long delayMillis(ClientConfig config, int attempt, Either<Throwable, ApiResponse> outcome) {
    RetryPolicy policy = config.retryPolicy();
    if (outcome.isRight()) {
      Duration asked = RetryAfter.parse(outcome.get().headers().get("Retry-After"), config.clock().instant());
      if (asked != null) {
        return asked.compareTo(policy.maxRetryAfter()) <= 0 ? asked.toMillis() : -1;
      }
    }
    double backoff = policy.initialBackoff().toMillis() * Math.pow(2, attempt - 1);
    backoff = Math.min(backoff, policy.maxBackoff().toMillis());
    return (long) (backoff * (1 - policy.jitter() * config.random().nextDouble()));
  }

  private static CircuitBreaker circuitBreaker(ClientConfig config) {
    CircuitBreakerPolicy p = config.circuitBreaker();
    if (p == null) {
      return null;
    }
    return CircuitBreaker.of("aivm-gateway", CircuitBreakerConfig.custom()
        .failureRateThreshold(p.failureRatePercent())
        .minimumNumberOfCalls(p.minimumCalls())
        .slidingWindowSize(p.windowSize())
        .waitDurationInOpenState(p.openDuration())
        .recordResult(r -> r instanceof ApiResponse a && a.status() >= 500)
        .recordException(e -> e instanceof IOException)
        .clock(config.clock())
        .build());
  }

  // ---------------------------------------------------------------- synchronous

  /**
   * Sends the request, retrying as the policy allows, and decodes a successful answer.
   *
   * @throws AivmException the typed failure: service, I/O, timeout, circuit open, unexpected
   */
  public <T> T execute(ApiRequest request, ResponseDecoder<T> decoder) {
    return decode(send(request), decoder);
  }

  private ApiResponse send(ApiRequest request) {
    return (ApiResponse) attempts(request, false);
  }

  /**
   * The synchronous attempt loop. Returns the last {@link ApiResponse}, read whole, or, when
   * {@code stream} and an answer is successful, its {@link OpenStream} unread.
   */
  private Object attempts(ApiRequest request, boolean stream) {
    Retry.AsyncContext<ApiResponse> retryContext = retry.asyncContext();
    Instant deadline = config.clock().instant().plus(config.callTimeout());
    for (int attempt = 1; ; attempt++) {
      awaitRateLimit();
      Duration remaining = remaining(deadline, request, attempt);
      acquireCircuit(request);
      Call call = newCall(request, attempt, stream ? Duration.ZERO : remaining);
      long start = System.nanoTime();
      ApiResponse response;
      try {
        Response raw = call.execute();
        if (stream && raw.isSuccessful()) {
          recordResult(start, new ApiResponse(raw.code(), raw.headers(), new Buffer(), config.clock().instant()));
          retryContext.onComplete();
          return new OpenStream(call, raw);
        }
        try (raw) {
          response = read(raw);
        }
      } catch (IOException e) {
        recordFailure(start, e);
        long delay = retryContext.onError(e);
        if (delay < 0 || !fitsDeadline(deadline, delay)) {
          throw ioFailure(request, attempt, e, deadline);
        }
        logRetry(request, attempt, delay, e.toString());
        sleep(delay);
        continue;
      }
      recordResult(start, response);
      long delay = retryContext.onResult(response);
      if (delay < 0 || !fitsDeadline(deadline, delay)) {
        if (response.isSuccessful()) {
          retryContext.onComplete();
        }
        return response;
      }
      logRetry(request, attempt, delay, "status " + response.status());
      sleep(delay);
    }
  }

  private void awaitRateLimit() {
    if (rateLimiter == null) {
      return;
    }
    long nanos = rateLimiter.reservePermission();
    if (nanos < 0) {
      throw new AivmTimeoutException("the client-side rate limit of " + config.rateLimit()
          + " would delay this call past its timeout of " + config.callTimeout());
    }
    if (nanos > 0) {
      sleep(TimeUnit.NANOSECONDS.toMillis(nanos));
    }
  }

  private void sleep(long millis) {
    try {
      config.sleeper().sleep(Duration.ofMillis(millis));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AivmIoException("interrupted while waiting to retry", e);
    }
  }

  // ---------------------------------------------------------------- streaming

  /**
   * Sends a request whose answer is a stream, retrying as {@link #execute} does until an answer
   * starts, and returns the open, successful response for the caller to read and close. Nothing
   * is retried once a successful answer has started. The whole-call timeout bounds the attempts
   * and waits; a stream, once open, is bounded only by the read timeout between bytes.
   *
   * @throws AivmException the typed failure when no successful answer starts
   */
  public OpenStream openStream(ApiRequest request) {
    Object outcome = attempts(request, true);
    if (outcome instanceof OpenStream open) {
      return open;
    }
    // A successful answer is always returned open, so what comes back here is a refusal.
    throw AivmServiceException.of(ErrorBodies.read((ApiResponse) outcome, config.clock().instant()));
  }

  /**
   * A stream's call, which {@link Call#cancel()} stops from any thread, and its open answer.
   *
   * @param call the call
   * @param response the successful answer, whose body is the stream
   */
  public record OpenStream(Call call, Response response) {}

  // ---------------------------------------------------------------- asynchronous

  /**
   * Sends the request without blocking. The future completes with the decoded answer or
   * exceptionally with the exception {@link #execute} would throw; cancelling it cancels the call
   * in flight and any retry not yet started.
   */
  public <T> CompletableFuture<T> executeAsync(ApiRequest request, ResponseDecoder<T> decoder) {
    CompletableFuture<T> result = new CompletableFuture<>();
    new AsyncCall<>(request, decoder, result).attempt(1);
    return result;
  }

  private final class AsyncCall<T> {
    private final ApiRequest request;
    private final ResponseDecoder<T> decoder;
    private final CompletableFuture<T> result;
    private final Retry.AsyncContext<ApiResponse> retryContext = retry.asyncContext();
    private final Instant deadline = config.clock().instant().plus(config.callTimeout());
    private final AtomicReference<Call> inFlight = new AtomicReference<>();

    AsyncCall(ApiRequest request, ResponseDecoder<T> decoder, CompletableFuture<T> result) {
      this.request = request;
      this.decoder = decoder;
      this.result = result;
      result.whenComplete((v, e) -> {
        if (e instanceof CancellationException) {
          Call call = inFlight.get();
          if (call != null) {
            call.cancel();
          }
        }
      });
    }

    void attempt(int attempt) {
      if (result.isDone()) {
        return;
      }
      long waitNanos = rateLimiter == null ? 0 : rateLimiter.reservePermission();
      if (waitNanos < 0) {
        result.completeExceptionally(new AivmTimeoutException("the client-side rate limit of "
            + config.rateLimit() + " would delay this call past its timeout of " + config.callTimeout()));
        return;
      }
      if (waitNanos > 0) {
        config.sleeper().sleepAsync(Duration.ofNanos(waitNanos)).thenRun(() -> send(attempt));
      } else {
        send(attempt);
      }
    }

    private void send(int attempt) {
      Call call;
      long start;
      try {
        Duration remaining = remaining(deadline, request, attempt);
        acquireCircuit(request);
        call = newCall(request, attempt, remaining);
        inFlight.set(call);
        if (result.isCancelled()) {
          call.cancel();
        }
        start = System.nanoTime();
      } catch (AivmException e) {
        result.completeExceptionally(e);
        return;
      }
      call.enqueue(new Callback() {
        @Override
        public void onFailure(Call c, IOException e) {
          recordFailure(start, e);
          if (result.isDone()) {
            return;
          }
          long delay = retryContext.onError(e);
          if (delay < 0 || !fitsDeadline(deadline, delay)) {
            result.completeExceptionally(ioFailure(request, attempt, e, deadline));
            return;
          }
          logRetry(request, attempt, delay, e.toString());
          retryAfter(attempt, delay);
        }

        @Override
        public void onResponse(Call c, Response raw) {
          ApiResponse response;
          try (raw) {
            response = read(raw);
          } catch (IOException e) {
            onFailure(c, e);
            return;
          }
          recordResult(start, response);
          long delay = retryContext.onResult(response);
          if (delay < 0 || !fitsDeadline(deadline, delay)) {
            if (response.isSuccessful()) {
              retryContext.onComplete();
            }
            try {
              result.complete(decode(response, decoder));
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
            return;
          }
          logRetry(request, attempt, delay, "status " + response.status());
          retryAfter(attempt, delay);
        }
      });
    }

    private void retryAfter(int attempt, long delayMillis) {
      config.sleeper().sleepAsync(Duration.ofMillis(delayMillis)).whenComplete((v, e) -> {
        if (e != null) {
          result.completeExceptionally(new AivmIoException("waiting to retry failed", e));
        } else {
          attempt(attempt + 1);
        }
      });
    }
  }

  // ---------------------------------------------------------------- shared

  private Duration remaining(Instant deadline, ApiRequest request, int attempt) {
    Duration remaining = Duration.between(config.clock().instant(), deadline);
    if (remaining.isNegative() || remaining.isZero()) {
      throw new AivmTimeoutException(request.method() + " " + path(request) + " ran past its call timeout of "
          + config.callTimeout() + " before attempt " + attempt);
    }
    return remaining;
  }

  private boolean fitsDeadline(Instant deadline, long delayMillis) {
    return config.clock().instant().plusMillis(delayMillis).isBefore(deadline);
  }

  private void acquireCircuit(ApiRequest request) {
    if (circuitBreaker != null && !circuitBreaker.tryAcquirePermission()) {
      throw new CircuitOpenException("the circuit to " + baseUrl + " is open after repeated failures; "
          + request.method() + " " + path(request) + " was not sent",
          CallNotPermittedException.createCallNotPermittedException(circuitBreaker));
    }
  }

  private void recordFailure(long startNanos, IOException e) {
    if (circuitBreaker != null) {
      circuitBreaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, e);
    }
  }

  private void recordResult(long startNanos, ApiResponse response) {
    if (circuitBreaker != null) {
      circuitBreaker.onResult(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, response);
    }
  }

  private Call newCall(ApiRequest request, int attempt, Duration remaining) {
    HttpUrl.Builder url = baseUrl.newBuilder();
    for (String segment : request.pathSegments()) {
      url.addPathSegment(segment);
    }
    request.query().forEach(e -> url.addQueryParameter(e.getKey(), e.getValue()));
    Request.Builder b = new Request.Builder()
        .url(url.build())
        .header("Accept", request.accept())
        .header("User-Agent", userAgent);
    if (config.apiKey() != null) {
      b.header("Authorization", "Bearer " + config.apiKey());
    }
    if (request.idempotencyKey() != null) {
      b.header("Idempotency-Key", request.idempotencyKey());
    }
    if (request.lastEventId() != null) {
      b.header("Last-Event-ID", request.lastEventId());
    }
    if (attempt > 1) {
      b.header("X-Aivm-Retry-Count", Integer.toString(attempt - 1));
    }
    b.method(request.method(), request.jsonBody() == null ? null : RequestBody.create(request.jsonBody(), JSON));
    Request okRequest = b.build();
    if (log.isDebugEnabled()) {
      log.debug("--> {} {} (attempt {}) [{}]", okRequest.method(), okRequest.url(), attempt,
          HttpLog.headers(okRequest.headers()));
    }
    Call call = http.newCall(okRequest);
    // Zero sets no whole-call timeout: a stream is bounded by the read timeout between bytes.
    call.timeout().timeout(remaining.toNanos(), TimeUnit.NANOSECONDS);
    return call;
  }

  private ApiResponse read(Response raw) throws IOException {
    Buffer body = new Buffer();
    body.writeAll(raw.body().source());
    ApiResponse response = new ApiResponse(raw.code(), raw.headers(), body, config.clock().instant());
    if (log.isDebugEnabled()) {
      log.debug("<-- {} {} ({} ms, {} bytes, request {})", raw.code(), raw.request().url(),
          raw.receivedResponseAtMillis() - raw.sentRequestAtMillis(), body.size(), response.requestId());
    }
    return response;
  }

  private static void logRetry(ApiRequest request, int attempt, long delayMillis, String why) {
    log.debug("retrying {} {} after attempt {} ({}) in {} ms", request.method(), path(request), attempt, why, delayMillis);
  }

  private AivmIoException ioFailure(ApiRequest request, int attempts, IOException e, Instant deadline) {
    String what = request.method() + " " + path(request) + " failed after " + attempts
        + (attempts == 1 ? " attempt: " : " attempts: ") + e;
    boolean timedOut = e instanceof InterruptedIOException || !config.clock().instant().isBefore(deadline);
    return timedOut ? new AivmTimeoutException(what, e) : new AivmIoException(what, e);
  }

  private static String path(ApiRequest request) {
    return "/" + String.join("/", request.pathSegments());
  }

  // ---------------------------------------------------------------- decoding

  private <T> T decode(ApiResponse response, ResponseDecoder<T> decoder) {
    if (!response.isSuccessful()) {
      throw AivmServiceException.of(ErrorBodies.read(response, config.clock().instant()));
    }
    String contentType = response.contentType();
    MediaType type = contentType == null ? null : MediaType.parse(contentType);
    if (type == null || !(type.subtype().equals("json") || type.subtype().endsWith("+json"))) {
      throw new UnexpectedResponseException("expected a JSON answer but got content type '" + contentType + "'",
          response.status(), response.requestId(), null);
    }
    try (JsonReader reader = JsonReader.of(response.body())) {
      return decoder.decode(reader);
    } catch (JsonDataException | JsonEncodingException e) {
      throw new UnexpectedResponseException("malformed JSON answer: " + e.getMessage(),
          response.status(), response.requestId(), e);
    } catch (IOException e) {
      throw new UnexpectedResponseException("unreadable JSON answer: " + e.getMessage(),
          response.status(), response.requestId(), e);
    }
  }
}
