package ai.nesa.aivm.sdk.internal.http;

import static ai.nesa.aivm.sdk.TestClients.fixture;
import static ai.nesa.aivm.sdk.TestClients.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import ai.nesa.aivm.sdk.CircuitBreakerPolicy;
import ai.nesa.aivm.sdk.CircuitOpenException;
import ai.nesa.aivm.sdk.ConflictException;
import ai.nesa.aivm.sdk.RateLimit;
import ai.nesa.aivm.sdk.RateLimitException;
import ai.nesa.aivm.sdk.RecordingSleeper;
import ai.nesa.aivm.sdk.RetryPolicy;
import ai.nesa.aivm.sdk.ServerException;
import ai.nesa.aivm.sdk.TestClients;
import ai.nesa.aivm.sdk.UnexpectedResponseException;
import ai.nesa.aivm.sdk.internal.ClientConfig;
import ai.nesa.aivm.sdk.models.ModelListParams;
import ai.nesa.aivm.sdk.models.ModelRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The transport under a flaky gateway: what is retried, how long it waits (recorded, never
 * slept), how often it tries, and what the caller finally gets.
 */
class TransportFaultsTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();

  private final RecordingSleeper sleeper = new RecordingSleeper();
  private AivmClient client;

  private ModelRegistry models() {
    return models(b -> b);
  }

  private ModelRegistry models(java.util.function.UnaryOperator<AivmClient.Builder> configure) {
    client = configure.apply(TestClients.builder(server, sleeper)).build();
    return client.models();
  }

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  private static MockResponse status(int code) {
    return json(code, "{\"error\":{\"code\":\"e" + code + "\",\"message\":\"status " + code + "\"}}");
  }

  @Test
  void a503ThenA200IsOneSuccessfulCallAfterOneBackoff() {
    server.enqueue(status(503));
    server.enqueue(fixture("catalog/model-page-last.json"));

    assertEquals(1, models().list(ModelListParams.none()).items().size());

    assertEquals(2, server.getRequestCount());
    assertEquals(1, sleeper.waits().size());
    Duration wait = sleeper.waits().get(0);
    assertTrue(wait.compareTo(Duration.ofMillis(375)) >= 0 && wait.compareTo(Duration.ofMillis(500)) <= 0,
        "first backoff is 500 ms less up to 25 % jitter, was " + wait);
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 409, 429, 500, 502, 503, 504})
  void retryableStatusesAreTriedThreeTimesThenSurface(int code) {
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(code));
    }
    ModelRegistry models = models();

    var e = assertThrows(ai.nesa.aivm.sdk.AivmServiceException.class, () -> models.list(ModelListParams.none()));

    assertEquals(code, e.status());
    assertEquals(3, server.getRequestCount(), "two retries by default");
    assertEquals(2, sleeper.waits().size());
    assertTrue(sleeper.waits().get(1).compareTo(sleeper.waits().get(0)) > 0, "backoff grows: " + sleeper.waits());
    if (code == 409) {
      assertInstanceOf(ConflictException.class, e);
    } else if (code >= 500) {
      assertInstanceOf(ServerException.class, e);
    }
  }

  @Test
  void retryAfterInSecondsIsWaitedExactly() {
    server.enqueue(new MockResponse.Builder(status(429)).addHeader("Retry-After", "7").build());
    server.enqueue(fixture("catalog/model-page-last.json"));

    models().list(ModelListParams.none());

    assertEquals(List.of(Duration.ofSeconds(7)), sleeper.waits());
  }

  @Test
  void retryAfterAsAnHttpDateIsWaitedUntilThatDate() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(TestClients.NOW.plusSeconds(12).atZone(ZoneOffset.UTC));
    server.enqueue(new MockResponse.Builder(status(503)).addHeader("Retry-After", date).build());
    server.enqueue(fixture("catalog/model-page-last.json"));

    models().list(ModelListParams.none());

    assertEquals(List.of(Duration.ofSeconds(12)), sleeper.waits());
  }

  @Test
  void aRetryAfterLongerThanThePolicyAllowsEndsTheRetriesAndIsReported() {
    server.enqueue(new MockResponse.Builder(status(429)).addHeader("Retry-After", "3600").build());
    ModelRegistry models = models();

    RateLimitException e = assertThrows(RateLimitException.class, () -> models.list(ModelListParams.none()));

    assertEquals(Duration.ofHours(1), e.retryAfter().orElseThrow());
    assertEquals(1, server.getRequestCount());
    assertTrue(sleeper.waits().isEmpty());
  }

  @Test
  void aConnectionResetMidBodyIsRetried() {
    server.enqueue(new MockResponse.Builder(fixture("catalog/model-page.json"))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(fixture("catalog/model-page-last.json"));

    assertEquals("gamma/embedder", models().list(ModelListParams.none()).items().get(0).id().toString());
    assertEquals(2, server.getRequestCount());
    assertEquals(1, sleeper.waits().size());
  }

  @Test
  void resetsOnEveryAttemptSurfaceAsAnIoExceptionNamingTheAttempts() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder(fixture("catalog/model-page.json"))
          .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    }
    ModelRegistry models = models();

    AivmIoException e = assertThrows(AivmIoException.class, () -> models.list(ModelListParams.none()));

    assertTrue(e.getMessage().contains("GET /v1/models failed after 3 attempts"), e.getMessage());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void malformedJsonIsAnUnexpectedResponseNamingWhereAndIsNotRetried() {
    server.enqueue(json(200, "{\"data\": [{\"id\": \"acme/x\", \"owner\": 42"));
    server.enqueue(json(200, "{\"data\": [{\"id\": \"Not A Name\"}]}"));
    ModelRegistry models = models();

    UnexpectedResponseException truncated =
        assertThrows(UnexpectedResponseException.class, () -> models.list(ModelListParams.none()));
    UnexpectedResponseException invalid =
        assertThrows(UnexpectedResponseException.class, () -> models.list(ModelListParams.none()));

    assertEquals("req_200", truncated.requestId().orElseThrow());
    assertTrue(invalid.getMessage().contains("$.data[0].id"), invalid.getMessage());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void aMissingRequiredFieldIsAnUnexpectedResponseNamingIt() {
    server.enqueue(json(200, "{\"data\": [{\"id\": \"acme/x\", \"task\": \"embedding\", \"access\": \"public\","
        + " \"createdAt\": \"2026-01-01T00:00:00Z\", \"updatedAt\": \"2026-01-01T00:00:00Z\"}]}"));
    ModelRegistry models = models();

    UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class, () -> models.list(ModelListParams.none()));

    assertTrue(e.getMessage().contains("'owner'") && e.getMessage().contains("$.data[0]"), e.getMessage());
  }

  @Test
  void aWrongContentTypeIsAnUnexpectedResponse() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
        .body("<html>captive portal</html>").build());
    ModelRegistry models = models();

    UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class, () -> models.list(ModelListParams.none()));

    assertTrue(e.getMessage().contains("text/html"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aBodySlowerThanTheReadTimeoutIsRetriedThenATimeout() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder(fixture("catalog/model-page.json"))
          .throttleBody(64, 1, TimeUnit.SECONDS).build());
    }
    ModelRegistry models = models(b -> b.readTimeout(Duration.ofMillis(200)));

    AivmTimeoutException e = assertThrows(AivmTimeoutException.class, () -> models.list(ModelListParams.none()));

    assertEquals(3, server.getRequestCount());
    assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
  }

  @Test
  void theWholeCallTimeoutBoundsRetriesAndBackoff() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(503));
    }
    ModelRegistry models = models(b -> b.callTimeout(Duration.ofMillis(100)));

    // The first backoff (375-500 ms) no longer fits in the call's 100 ms: the 503 is final.
    assertThrows(ServerException.class, () -> models.list(ModelListParams.none()));
    assertEquals(1, server.getRequestCount());
    assertTrue(sleeper.waits().isEmpty());
  }

  @Test
  void noRetriesMeansOneAttempt() {
    server.enqueue(status(503));
    ModelRegistry models = models(b -> b.retryPolicy(RetryPolicy.none()));

    assertThrows(ServerException.class, () -> models.list(ModelListParams.none()));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void theCircuitOpensAfterRepeatedFailuresAndStopsSending() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(status(500));
    }
    ModelRegistry models = models(b -> b.retryPolicy(RetryPolicy.none())
        .circuitBreaker(new CircuitBreakerPolicy(50, 4, 4, Duration.ofMinutes(1))));
    for (int i = 0; i < 4; i++) {
      assertThrows(ServerException.class, () -> models.list(ModelListParams.none()));
    }

    CircuitOpenException e = assertThrows(CircuitOpenException.class, () -> models.list(ModelListParams.none()));

    assertEquals(4, server.getRequestCount(), "the fifth call was not sent");
    assertTrue(e.getMessage().contains("was not sent"), e.getMessage());
  }

  @Test
  void theRateLimiterMakesCallsOverTheCapWaitThroughTheSleeper() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(fixture("catalog/model-page-last.json"));
    }
    ModelRegistry models = models(b -> b.rateLimit(new RateLimit(2, Duration.ofHours(1))).callTimeout(Duration.ofHours(2)));

    models.list(ModelListParams.none());
    models.list(ModelListParams.none());
    assertTrue(sleeper.waits().isEmpty(), "two calls fit in the period");
    models.list(ModelListParams.none());

    assertEquals(1, sleeper.waits().size());
    assertTrue(sleeper.waits().get(0).compareTo(Duration.ofMinutes(59)) > 0, "waits for the next period: " + sleeper.waits());
  }

  @Test
  void asyncRetriesThroughTheSleeperAndCompletesWithTheAnswer() {
    server.enqueue(status(503));
    server.enqueue(new MockResponse.Builder(status(429)).addHeader("Retry-After", "2").build());
    server.enqueue(fixture("catalog/model-page-last.json"));
    models();

    var page = client.async().models().list(ModelListParams.none()).join();

    assertEquals(1, page.items().size());
    assertEquals(3, server.getRequestCount());
    assertEquals(2, sleeper.waits().size());
    assertEquals(Duration.ofSeconds(2), sleeper.waits().get(1));
  }

  @Test
  void asyncFailuresCompleteExceptionallyWithTheTypedException() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(502));
    }
    models();

    CompletableFuture<?> future = client.async().models().list(ModelListParams.none());
    CompletionException e = assertThrows(CompletionException.class, future::join);

    assertInstanceOf(ServerException.class, e.getCause());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void cancellingAnAsyncCallCancelsItsHttpCall() throws Exception {
    server.enqueue(new MockResponse.Builder(fixture("catalog/model-page.json"))
        .headersDelay(5, TimeUnit.SECONDS).build());
    models();

    CompletableFuture<?> future = client.async().models().list(ModelListParams.none());
    server.takeRequest(5, TimeUnit.SECONDS);
    assertTrue(future.cancel(true));

    assertTrue(future.isCancelled());
    assertEquals(1, server.getRequestCount());
  }

  // ---- mutations: one idempotency key across every attempt ----

  private GatewayTransport transport(RetryPolicy policy) {
    ClientConfig config = new ClientConfig(server.url("/").uri(), "sk-test-secret", Duration.ofSeconds(5),
        Duration.ofSeconds(5), Duration.ofSeconds(30), policy, null, null, null,
        Clock.fixed(TestClients.NOW, ZoneOffset.UTC), sleeper, new Random(1), null, null, null);
    return new GatewayTransport(config, new OkHttpClient.Builder().retryOnConnectionFailure(false).build(), "test");
  }

  @Test
  void aRetriedMutationSendsTheSameIdempotencyKeyEveryTime() throws Exception {
    server.enqueue(status(503));
    server.enqueue(new MockResponse.Builder(fixture("catalog/version.json"))
        .onResponseBody(SocketEffect.ShutdownConnection.INSTANCE).build());
    server.enqueue(json(200, "{\"ok\":true}"));
    ApiRequest request = ApiRequest.post("{\"x\":1}".getBytes(), "v1", "things").build();

    transport(RetryPolicy.defaults()).execute(request, r -> {
      r.skipValue();
      return null;
    });

    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      RecordedRequest recorded = server.takeRequest();
      keys.add(recorded.getHeaders().get("Idempotency-Key"));
      assertEquals("{\"x\":1}", recorded.getBody().utf8());
      assertEquals(i == 0 ? null : Integer.toString(i), recorded.getHeaders().get("X-Aivm-Retry-Count"));
    }
    assertNotNull(keys.get(0));
    assertEquals(List.of(keys.get(0), keys.get(0), keys.get(0)), keys);
  }

  @Test
  void twoLogicalMutationsGetTwoKeysAndReadsGetNone() throws Exception {
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    server.enqueue(json(200, "{}"));
    GatewayTransport transport = transport(RetryPolicy.defaults());
    ResponseDecoder<Void> ignore = r -> {
      r.skipValue();
      return null;
    };

    transport.execute(ApiRequest.post(new byte[] {'{', '}'}, "v1", "a").build(), ignore);
    transport.execute(ApiRequest.post(new byte[] {'{', '}'}, "v1", "a").build(), ignore);
    transport.execute(ApiRequest.get("v1", "a").build(), ignore);

    String first = server.takeRequest().getHeaders().get("Idempotency-Key");
    String second = server.takeRequest().getHeaders().get("Idempotency-Key");
    assertTrue(first != null && second != null && !first.equals(second));
    assertNull(server.takeRequest().getHeaders().get("Idempotency-Key"));
  }
}
