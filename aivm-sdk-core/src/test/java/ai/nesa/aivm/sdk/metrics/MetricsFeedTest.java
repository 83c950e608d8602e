package ai.nesa.aivm.sdk.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.RecordingSleeper;
import ai.nesa.aivm.sdk.TestClients;
import ai.nesa.aivm.sdk.UnauthorizedException;
import ai.nesa.aivm.sdk.contract.GatewayContract;
import ai.nesa.aivm.sdk.logging.CapturedLogs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live feed against a scripted gateway: what it asks for, how it skips what is malformed,
 * resumes after a cut, gives up on a refusal, and reads no further than its subscriber asks.
 */
class MetricsFeedTest {
  private static final String T = "2026-12-07T12:00:00Z";

  private MockWebServer server;
  private AivmClient client;
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final List<QueueSubscriber> subscribers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    client = TestClients.builder(server, new RecordingSleeper()).build();
  }

  @AfterEach
  void stop() throws Exception {
    subscribers.forEach(QueueSubscriber::cancel);
    client.close();
    server.close();
  }

  private void serve(Function<Integer, MockResponse> byAttempt) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        return byAttempt.apply(requests.size());
      }
    });
  }

  static String published(String id, String version) {
    return "id: " + id + "\nevent: version_published\ndata: {\"id\":\"" + id + "\",\"kind\":\"version_published\","
        + "\"time\":\"" + T + "\",\"model\":\"acme/m\",\"version\":\"" + version + "\"}\n\n";
  }

  static MockResponse stream(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(body).build();
  }

  /** A stream that sends {@code body} and then holds the connection open. */
  static MockResponse held(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream")
        .body(body + ": keep-alive\n\n").throttleBody(body.length(), 60, TimeUnit.SECONDS).build();
  }

  /** A subscriber requesting {@code initial} events, cancelled after the test. */
  private QueueSubscriber subscriber(long initial) {
    QueueSubscriber c = new QueueSubscriber(initial);
    subscribers.add(c);
    return c;
  }

  private static Object next(QueueSubscriber c) throws InterruptedException {
    Object o = c.poll(Duration.ofSeconds(10));
    assertTrue(o != null, "nothing within 10 s");
    return o;
  }

  private static String nextVersion(QueueSubscriber c) throws InterruptedException {
    return assertInstanceOf(MetricsEvent.VersionPublished.class, next(c)).version().text();
  }

  @Test
  void theFeedAsksForItsFilterAsTheDocumentSays() throws Exception {
    serve(n -> held(published("a-1", "1.0.0")));
    QueueSubscriber c = subscriber(1);
    client.metrics().events(MetricsFilter.builder().model(ModelId.of("acme/m")).deployment("dep-1")
        .kinds(MetricsEvent.Kind.VERSION_PUBLISHED, MetricsEvent.Kind.ACCESS_GRANTED).build()).subscribe(c);
    assertEquals("1.0.0", nextVersion(c));

    RecordedRequest r = requests.get(0);
    assertEquals("/v1/metrics/events", r.getUrl().encodedPath());
    assertEquals("text/event-stream", r.getHeaders().get("Accept"));
    assertEquals(List.of("access_granted", "version_published"), r.getUrl().queryParameterValues("kind"));
    assertEquals("acme/m", r.getUrl().queryParameter("model"));
    Map<String, List<String>> query = new java.util.LinkedHashMap<>();
    r.getUrl().queryParameterNames().forEach(name -> query.put(name, r.getUrl().queryParameterValues(name)));
    assertEquals(List.of(), GatewayContract.get().queryViolations("GET", "/v1/metrics/events", query));
    assertNull(r.getHeaders().get("Last-Event-ID"), "a new feed starts from now");
  }

  @Test
  void malformedEventsAndLinesAreSkippedWithAWarningAndTheFeedResumesAfterTheLastIdReceived() throws Exception {
    CapturedLogs.clear();
    serve(n -> n == 1
        ? stream(published("a-1", "1.0.0")
            + "id: a-2\nevent: version_published\ndata: {not json\n\n"
            + "garbage without a colon\n"
            + "id: a-3\nevent: no_such_kind\ndata: {\"id\":\"a-3\",\"kind\":\"no_such_kind\",\"time\":\"" + T + "\"}\n\n"
            + "id: a-4\nevent: version_published\ndata: {\"id\":\"a-4\",\"kind\":\"version_published\",\"time\":\""
            + T + "\"}\n\n"
            + published("a-5", "1.0.5"))
        : held(published("a-6", "1.0.6")));
    QueueSubscriber c = subscriber(Long.MAX_VALUE);
    List<String> connections = new CopyOnWriteArrayList<>();
    client.metrics().events(MetricsFilter.all(), FeedOptions.builder().connectionListener(new FeedConnectionListener() {
      @Override
      public void connected(Optional<String> resumedAfter) {
        connections.add("connected after " + resumedAfter.orElse("nothing"));
      }

      @Override
      public void disconnected(Throwable cause, Duration retryIn) {
        connections.add("lost: " + cause.getClass().getSimpleName());
      }
    }).build()).subscribe(c);

    assertEquals("1.0.0", nextVersion(c));
    assertEquals("1.0.5", nextVersion(c));
    assertEquals("1.0.6", nextVersion(c));
    assertEquals("a-5", requests.get(1).getHeaders().get("Last-Event-ID"), "resumed after the last id received");
    assertEquals(List.of("connected after nothing", "lost: EOFException", "connected after a-5"), connections);
    List<String> warnings = CapturedLogs.lines().stream().filter(l -> l.startsWith("WARN")).toList();
    assertTrue(warnings.stream().anyMatch(l -> l.contains("malformed version_published event (id a-2)")), warnings.toString());
    assertTrue(warnings.stream().anyMatch(l -> l.contains("malformed no_such_kind event (id a-3)")), warnings.toString());
    assertTrue(warnings.stream().anyMatch(l -> l.contains("(id a-4)") && l.contains("model")), warnings.toString());
    assertTrue(warnings.stream().anyMatch(l -> l.contains("garbage without a colon")), warnings.toString());
  }

  @Test
  void aGapIsDeliveredAsAGap() throws Exception {
    serve(n -> held("event: gap\ndata: {\"from\":\"a-9\",\"to\":\"b-1\"}\n\n" + published("b-1", "2.0.0")));
    QueueSubscriber c = subscriber(Long.MAX_VALUE);
    client.metrics().events(MetricsFilter.all(), FeedOptions.builder().resumeAfter("a-9").build()).subscribe(c);

    MetricsEvent.Gap gap = assertInstanceOf(MetricsEvent.Gap.class, next(c));
    assertEquals("a-9", gap.from());
    assertEquals("b-1", gap.to().orElseThrow());
    assertEquals("2.0.0", nextVersion(c));
    assertEquals("a-9", requests.get(0).getHeaders().get("Last-Event-ID"));
  }

  @Test
  void aRefusalEndsTheFeedWithItsExceptionAndIsNotRetried() throws Exception {
    serve(n -> TestClients.json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"no key\",\"requestId\":\"r1\"}}"));
    QueueSubscriber c = subscriber(1);
    client.metrics().events(MetricsFilter.all()).subscribe(c);

    assertInstanceOf(UnauthorizedException.class, next(c));
    Thread.sleep(300);
    assertEquals(1, requests.size());
  }

  @Test
  void serverFailuresAreRetriedWithBackoffAndTheFeedGivesUpAfterItsLimit() throws Exception {
    serve(n -> TestClients.json(503, "{\"error\":{\"code\":\"unavailable\",\"message\":\"down\",\"requestId\":\"r\"}}"));
    QueueSubscriber c = subscriber(1);
    client.metrics().events(MetricsFilter.all(), FeedOptions.builder().maxReconnects(2)
        .reconnectBackoff(Duration.ofMillis(1), Duration.ofMillis(4)).build()).subscribe(c);

    assertInstanceOf(ai.nesa.aivm.sdk.ServerException.class, next(c));
    assertTrue(requests.size() >= 3, "the first connection and two reconnects: " + requests.size());
  }

  @Test
  void theFeedReadsNoFurtherThanItsSubscriberAsks() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 1; i <= 5_000; i++) {
      many.append(published("a-" + i, "1.0." + i));
    }
    serve(n -> held(many.toString()));
    QueueSubscriber c = subscriber(1);
    client.metrics().events(MetricsFilter.all()).subscribe(c);

    assertEquals("1.0.1", nextVersion(c));
    Thread.sleep(300);
    assertTrue(c.isEmpty(), "nothing beyond the demand");
    c.subscription().request(2);
    assertEquals("1.0.2", nextVersion(c));
    assertEquals("1.0.3", nextVersion(c));
    Thread.sleep(200);
    assertTrue(c.isEmpty(), "still nothing beyond the demand");
    c.subscription().cancel();
    c.subscription().request(10);
    Thread.sleep(200);
    assertTrue(c.isEmpty(), "nothing after cancel");
  }

  @Test
  void aSubscriberThatThrowsEndsItsFeedAndTheConnection() throws Exception {
    StringBuilder many = new StringBuilder();
    for (int i = 1; i <= 50; i++) {
      many.append(published("a-" + i, "1.0." + i));
    }
    serve(n -> held(many.toString()));
    CapturedLogs.clear();
    List<String> seen = new CopyOnWriteArrayList<>();
    client.metrics().events(MetricsFilter.all()).subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription s) {
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(MetricsEvent item) {
        seen.add(((MetricsEvent.VersionPublished) item).version().text());
        throw new IllegalStateException("a subscriber's bug");
      }

      @Override
      public void onError(Throwable t) {
        seen.add("error");
      }

      @Override
      public void onComplete() {
        seen.add("complete");
      }
    });
    Thread.sleep(500);
    assertEquals(List.of("1.0.1"), seen, "one event, then nothing: the feed took the throw as a cancel");
    assertEquals(1, requests.size(), "and did not reconnect");
    assertTrue(CapturedLogs.lines().stream().anyMatch(l -> l.startsWith("WARN")
        && l.contains("the subscriber threw from onNext; the feed is cancelled")), CapturedLogs.lines().toString());
  }
}
