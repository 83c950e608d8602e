package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.BadRequestException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.NotFoundException;
import ai.nesa.aivm.sdk.access.Wallet;
import ai.nesa.aivm.sdk.inference.Deployment;
import ai.nesa.aivm.sdk.inference.DeploymentSpec;
import ai.nesa.aivm.sdk.inference.DeploymentStatus;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.Tensor;
import ai.nesa.aivm.sdk.kernels.Consensus;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.metrics.FeedConnectionListener;
import ai.nesa.aivm.sdk.metrics.FeedOptions;
import ai.nesa.aivm.sdk.metrics.MetricsEvent;
import ai.nesa.aivm.sdk.metrics.MetricsEvent.Kind;
import ai.nesa.aivm.sdk.metrics.MetricsFilter;
import ai.nesa.aivm.sdk.metrics.QueueSubscriber;
import ai.nesa.aivm.sdk.metrics.UsagePoint;
import ai.nesa.aivm.sdk.metrics.UsageQuery;
import ai.nesa.aivm.sdk.metrics.UsageSeries;
import ai.nesa.aivm.sdk.metrics.UsageStats;
import ai.nesa.aivm.sdk.metrics.UsageSummary;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code client.metrics()} on a devnet: the live feed carries every kind of event, once each and
 * in order across dropped connections and a gateway restart; usage series and summaries agree
 * with what the feed and the inference results said. Every answer and every streamed event is held
 * to the gateway document.
 */
@ExtendWith(ContractTap.class)
class MetricsOnDevnetTest {
  private static final InferenceInput HAPPY = InferenceInput.text("a wonderful happy result");
  private static final Duration WAIT = Duration.ofSeconds(20);

  private LocalAivmNetwork devnet;
  private AivmClient client;
  private final List<QueueSubscriber> subscribers = new ArrayList<>();

  private void start(LocalAivmNetwork.Builder builder) {
    devnet = builder.start();
    client = AivmClient.builder().gateway(devnet.gateway()).store(devnet.store()).ledger(devnet.ledger())
        .wallet(Wallet.of(TinyKernels.OWNER)).build();
  }

  @AfterEach
  void stop() {
    subscribers.forEach(QueueSubscriber::cancel);
    if (client != null) {
      client.close();
    }
    if (devnet != null) {
      devnet.close();
    }
  }

  /** The next event within {@link #WAIT}; the feed's failure as an assertion error. */
  private static MetricsEvent next(QueueSubscriber feed) throws InterruptedException {
    Object o = feed.poll(WAIT);
    assertNotNull(o, "no event within " + WAIT);
    if (o instanceof Throwable t) {
      throw new AssertionError("the feed failed", t);
    }
    return assertInstanceOf(MetricsEvent.class, o);
  }

  private static List<MetricsEvent> take(QueueSubscriber feed, int n) throws InterruptedException {
    List<MetricsEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(next(feed));
    }
    return out;
  }

  /** A feed from now, once it is connected (so that it sees what the test does next). */
  private QueueSubscriber subscribe(MetricsFilter filter, FeedOptions.Builder options) throws InterruptedException {
    QueueSubscriber c = new QueueSubscriber(Long.MAX_VALUE);
    subscribers.add(c);
    CountDownLatch connected = new CountDownLatch(1);
    client.metrics().events(filter, options.connectionListener(new FeedConnectionListener() {
      @Override
      public void connected(Optional<String> resumedAfter) {
        connected.countDown();
      }
    }).build()).subscribe(c);
    assertTrue(connected.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the feed connected");
    return c;
  }

  private Deployment deploy(ModelId model, int nodes) {
    return client.inference().waitUntilReady(client.inference().deploy(DeploymentSpec.builder(model)
        .consensus(Consensus.kOfN(nodes, nodes)).minimumNodes(nodes).build()).id(), WAIT);
  }

  @Test
  void theFeedCarriesEveryKindOfEventAsItHappens() throws Exception {
    start(LocalAivmNetwork.builder().nodes(2));
    QueueSubscriber all = subscribe(MetricsFilter.all(), FeedOptions.builder());
    ModelId model = ModelId.of("acme/watched");
    client.access().publish(privateBundle(model));
    Address node = devnet.nodes().get(0).address();
    client.access().authorize(model, List.of(node, devnet.nodes().get(1).address()));
    Deployment d = deploy(model, 2);
    InferenceResult r = client.inference().infer(d.id(), HAPPY);
    assertThrows(BadRequestException.class, () -> client.inference().infer(d.id(),
        InferenceInput.tensors(Tensor.ofLongs("no_such_input", new long[] {1, 1}, 1))));
    client.access().revoke(model, List.of(devnet.nodes().get(1).address()));
    client.inference().delete(d.id());

    List<MetricsEvent> events = new ArrayList<>();
    Set<Kind> seen = new HashSet<>();
    while (!(seen.contains(Kind.ACCESS_REVOKED) && events.stream().anyMatch(e -> e instanceof MetricsEvent.DeploymentChanged c
        && c.status() == DeploymentStatus.DELETED))) {
      MetricsEvent e = next(all);
      events.add(e);
      seen.add(e.kind());
    }
    assertEquals(Set.of(Kind.VERSION_PUBLISHED, Kind.ACCESS_GRANTED, Kind.DEPLOYMENT_CHANGED, Kind.INFERENCE_STARTED,
        Kind.INFERENCE_COMPLETED, Kind.INFERENCE_FAILED, Kind.ACCESS_REVOKED), seen, events.toString());
    List<MetricsEvent.InferenceFailed> failed = events.stream().filter(e -> e instanceof MetricsEvent.InferenceFailed)
        .map(e -> (MetricsEvent.InferenceFailed) e).toList();
    assertEquals(2, failed.size(), "the bad input, refused on both nodes");
    assertTrue(failed.stream().allMatch(f -> f.errorCode().equals("invalid_request") && f.latencyMs() >= 0), failed.toString());
    List<DeploymentStatus> statuses = events.stream().filter(e -> e instanceof MetricsEvent.DeploymentChanged)
        .map(e -> ((MetricsEvent.DeploymentChanged) e).status()).toList();
    assertEquals(List.of(DeploymentStatus.PENDING, DeploymentStatus.READY, DeploymentStatus.DELETED), statuses);
    List<MetricsEvent.InferenceCompleted> done = events.stream().filter(e -> e instanceof MetricsEvent.InferenceCompleted)
        .map(e -> (MetricsEvent.InferenceCompleted) e).toList();
    assertEquals(2, done.size(), "one per node");
    assertEquals(Set.copyOf(d.nodes()), done.stream().map(e -> e.ref().node()).collect(Collectors.toSet()));
    for (MetricsEvent.InferenceCompleted c : done) {
      assertEquals(r.id(), c.ref().inference());
      assertEquals(r.usage().unitsIn(), c.unitsIn());
      assertEquals(r.usage().unitsOut(), c.unitsOut());
      assertEquals(0, r.usage().total().compareTo(c.cost().multiply(BigDecimal.valueOf(2))),
          "the charge is both nodes' costs");
      assertTrue(c.latencyMs() > 0, c.toString());
    }
    MetricsEvent.VersionPublished published = (MetricsEvent.VersionPublished) events.stream()
        .filter(e -> e.kind() == Kind.VERSION_PUBLISHED).findFirst().orElseThrow();
    assertEquals(model, published.model());
  }

  @Test
  void aFilterNarrowsTheFeedAndABadOneIsRefusedAtOnce() throws Exception {
    start(LocalAivmNetwork.builder().nodes(2));
    ModelId model = TinyKernels.classifier(devnet, "acme/filtered").name();
    Deployment d = deploy(model, 2);
    Address node = d.nodes().get(0);
    QueueSubscriber one = subscribe(MetricsFilter.builder().model(model).node(node).kinds(Kind.INFERENCE_COMPLETED).build(),
        FeedOptions.builder());
    client.inference().infer(d.id(), HAPPY);
    client.inference().infer(d.id(), HAPPY);
    List<MetricsEvent> events = take(one, 2);
    for (MetricsEvent e : events) {
      MetricsEvent.InferenceCompleted c = assertInstanceOf(MetricsEvent.InferenceCompleted.class, e);
      assertEquals(node, c.ref().node());
    }
    assertTrue(one.poll(Duration.ofMillis(300)) == null, "nothing else passes the filter");

    AivmValidationException early = assertThrows(AivmValidationException.class,
        () -> MetricsFilter.builder().deployment("no such/id"));
    assertEquals("deployment", early.problems().get(0).path());
    GatewayCalls raw = new GatewayCalls(devnet);
    assertEquals("kind", raw.get("/v1/metrics/events?kind=inference_done", 400).get("error").get("details").get(0)
        .get("path").asString());
    assertEquals("Last-Event-ID", raw.call("GET", "/v1/metrics/events", null, 400, "Last-Event-ID", "not-an-id")
        .get("error").get("details").get(0).get("path").asString());
    assertEquals("deployment", raw.get("/v1/metrics/events?deployment=a%20b", 400).get("error").get("details").get(0)
        .get("path").asString());
  }

  @Test
  void everyEventArrivesExactlyOnceInOrderWhenTheGatewayDropsTheConnectionEverySevenEvents() throws Exception {
    start(LocalAivmNetwork.builder().nodes(3));
    ModelId model = TinyKernels.classifier(devnet, "acme/dropped").name();
    Deployment d = deploy(model, 3);
    devnet.faults().dropMetricsStreamsEvery(7);
    QueueSubscriber feed = subscribe(MetricsFilter.builder().deployment(d.id()).kinds(Kind.INFERENCE_STARTED,
        Kind.INFERENCE_COMPLETED).build(), FeedOptions.builder().reconnectBackoff(Duration.ZERO, Duration.ofMillis(20)));
    int inferences = 40;
    for (int i = 0; i < inferences; i++) {
      client.inference().infer(d.id(), HAPPY);
    }
    List<MetricsEvent> events = take(feed, inferences * 3 * 2);
    assertTrue(feed.poll(Duration.ofMillis(500)) == null, "no event twice");
    List<Long> sequences = events.stream().map(MetricsOnDevnetTest::sequence).toList();
    List<Long> sorted = new ArrayList<>(sequences);
    sorted.sort(null);
    assertEquals(sorted, sequences, "in order");
    assertEquals(sequences.size(), new HashSet<>(sequences).size(), "no duplicate");
    Map<String, Long> perInference = events.stream().collect(Collectors.groupingBy(MetricsOnDevnetTest::inference,
        Collectors.counting()));
    assertEquals(inferences, perInference.size());
    assertTrue(perInference.values().stream().allMatch(n -> n == 6), "3 starts and 3 completions each: " + perInference);
  }

  @Test
  void aRestartedGatewayIsReconnectedToAndTheLostEventsAreReportedAsAGap() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    start(LocalAivmNetwork.builder().nodes(1).port(port));
    ModelId model = TinyKernels.classifier(devnet, "acme/restarted").name();
    QueueSubscriber feed = subscribe(MetricsFilter.builder().kinds(Kind.INFERENCE_COMPLETED).build(),
        FeedOptions.builder().reconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(200)));
    client.inference().infer(deploy(model, 1).id(), HAPPY);
    MetricsEvent before = next(feed);
    String lastId = ((MetricsEvent.InferenceCompleted) before).id();

    devnet.close();
    client.close();
    start(LocalAivmNetwork.builder().nodes(1).port(port));
    ModelId again = TinyKernels.classifier(devnet, "acme/restarted").name();
    client.inference().infer(deploy(again, 1).id(), HAPPY);

    MetricsEvent.Gap gap = assertInstanceOf(MetricsEvent.Gap.class, next(feed));
    assertEquals(lastId, gap.from());
    MetricsEvent after = next(feed);
    assertInstanceOf(MetricsEvent.InferenceCompleted.class, after);
    String next = ((MetricsEvent.InferenceCompleted) after).id();
    assertTrue(gap.to().isEmpty() || gap.to().get().equals(next), "the gap names the next event this feed is sent "
        + "(past the ones its filter leaves out), or none when the new gateway had none yet: " + gap + ", " + next);
    assertTrue(!((MetricsEvent.InferenceCompleted) after).id().split("-")[0].equals(lastId.split("-")[0]),
        "the new gateway's ids are its own");

    // a feed resuming now from before the restart is told the same, and its gap names the next event
    // it is sent: the completion, past the deployment's events that its filter leaves out
    QueueSubscriber resumed = subscribe(MetricsFilter.builder().kinds(Kind.INFERENCE_COMPLETED).build(),
        FeedOptions.builder().resumeAfter(lastId));
    MetricsEvent.Gap resumedGap = assertInstanceOf(MetricsEvent.Gap.class, next(resumed));
    assertEquals(lastId, resumedGap.from());
    assertEquals(Optional.of(next), resumedGap.to());
    assertEquals(next, ((MetricsEvent.InferenceCompleted) next(resumed)).id());
  }

  @Test
  void theUsageSeriesAgreesWithTheFeedAndTheResults() throws Exception {
    start(LocalAivmNetwork.builder().nodes(3));
    ModelId model = TinyKernels.classifier(devnet, "acme/measured").name();
    Deployment d = deploy(model, 3);
    Instant from = Instant.now().minusSeconds(60);
    QueueSubscriber feed = subscribe(MetricsFilter.builder().deployment(d.id()).kinds(Kind.INFERENCE_COMPLETED).build(),
        FeedOptions.builder());
    int n = 25;
    BigDecimal charged = BigDecimal.ZERO;
    long unitsIn = 0;
    for (int i = 0; i < n; i++) {
      InferenceResult r = client.inference().infer(d.id(), InferenceInput.text("text number " + i + " is happy"));
      charged = charged.add(r.usage().total());
      unitsIn += r.usage().unitsIn();
    }
    Map<Address, List<Double>> latencies = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
    for (MetricsEvent e : take(feed, n * 3)) {
      MetricsEvent.InferenceCompleted c = (MetricsEvent.InferenceCompleted) e;
      latencies.computeIfAbsent(c.ref().node(), k -> new ArrayList<>()).add(c.latencyMs());
    }
    Instant to = Instant.now().plusSeconds(1);

    UsageSummary summary = client.metrics().summary(UsageQuery.deployment(d.id()).from(from).to(to).build());
    assertEquals(n, summary.stats().requests());
    assertEquals(0, summary.stats().errors());
    assertEquals(unitsIn, summary.stats().unitsIn());
    assertEquals(0, charged.compareTo(summary.stats().cost()), "the summary's cost is what was charged");
    assertTrue(summary.stats().p50().getAsDouble() <= summary.stats().p95().getAsDouble()
        && summary.stats().p95().getAsDouble() <= summary.stats().p99().getAsDouble(), summary.toString());

    UsageSeries perNode = client.metrics().usage(UsageQuery.deployment(d.id()).from(from).to(to)
        .bucket(UsageQuery.Bucket.DAY).groupBy(UsageQuery.GroupBy.NODE).build());
    assertEquals(3, perNode.series().size());
    for (UsageSeries.Series s : perNode.series()) {
      Address node = Address.of(s.key().orElseThrow());
      double[] sorted = latencies.get(node).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      UsageStats stats = s.points().stream().map(UsagePoint::stats).filter(p -> p.requests() > 0).findFirst()
          .orElseThrow();
      assertEquals(n, stats.requests());
      assertEquals(nearestRank(sorted, 50), stats.p50().getAsDouble(), 1e-9, node + " p50");
      assertEquals(nearestRank(sorted, 95), stats.p95().getAsDouble(), 1e-9, node + " p95");
      assertEquals(nearestRank(sorted, 99), stats.p99().getAsDouble(), 1e-9, node + " p99");
    }

    UsageSeries perVersion = client.metrics().usage(UsageQuery.model(model).from(from).to(to)
        .bucket(UsageQuery.Bucket.HOUR).groupBy(UsageQuery.GroupBy.VERSION).build());
    assertEquals(List.of(Optional.of("0.1.0")), perVersion.series().stream().map(UsageSeries.Series::key).toList());
    assertEquals(n, perVersion.series().get(0).points().stream().mapToLong(p -> p.stats().requests()).sum());

    UsageSeries minutes = client.metrics().usage(UsageQuery.model(model).from(from).to(to)
        .bucket(UsageQuery.Bucket.MINUTE).build());
    assertEquals(1, minutes.series().size());
    assertEquals(n, minutes.series().get(0).points().stream().mapToLong(p -> p.stats().requests()).sum());
    assertTrue(minutes.series().get(0).points().size() >= 1 && minutes.series().get(0).points().size() <= 3);
    UsagePoint empty = minutes.series().get(0).points().get(0);
    if (empty.stats().requests() == 0) {
      assertTrue(empty.stats().p50().isEmpty(), "a bucket without requests has no percentiles");
    }

    BadRequestException tooMany = assertThrows(BadRequestException.class, () -> client.metrics().usage(
        UsageQuery.model(model).from(from.minus(Duration.ofDays(2))).to(to).bucket(UsageQuery.Bucket.MINUTE).build()));
    assertEquals("to", tooMany.details().get(0).path());
    assertThrows(NotFoundException.class, () -> client.metrics().summary(UsageQuery.model(ModelId.of("acme/nobody"))
        .build()));
  }

  /** The devnet's event ids are {@code <instance>-<sequence>}. */
  private static long sequence(MetricsEvent e) {
    String id = e instanceof MetricsEvent.InferenceStarted s ? s.id() : ((MetricsEvent.InferenceCompleted) e).id();
    return Long.parseLong(id.substring(id.indexOf('-') + 1));
  }

  private static String inference(MetricsEvent e) {
    return e instanceof MetricsEvent.InferenceStarted s ? s.ref().inference()
        : ((MetricsEvent.InferenceCompleted) e).ref().inference();
  }

  private static double nearestRank(double[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  private static KernelBundle privateBundle(ModelId model) {
    return KernelBundle.builder()
        .config(Presets.onnxClassifier(model.toString(), "model.onnx").toBuilder().security(Security.privateAccess())
            .build())
        .file("model.onnx", TinyModel.BYTE_PAIR_SENTIMENT.bytes()).build();
  }
}
