package ai.nesa.aivm.benchmarks.metrics;

import ai.nesa.aivm.benchmarks.Timing;
import ai.nesa.aivm.benchmarks.inference.CannedStreamServer;
import ai.nesa.aivm.benchmarks.inference.RawSse;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.metrics.MetricsEvent;
import ai.nesa.aivm.sdk.metrics.MetricsFilter;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;

/**
 * Live-feed events consumed per second over one connection: the SDK's {@code
 * client.metrics().events(...)} against a plain okhttp-sse listener that only counts its {@code
 * onEvent} calls, on the same canned stream from the same local server, in one run.
 *
 * <pre>
 * java -cp aivm-sdk-benchmarks/target/benchmarks.jar ai.nesa.aivm.benchmarks.metrics.FeedThroughputBenchmark [events] [rounds]
 * </pre>
 *
 * <p>The stream: {@code events} (default 300,000) {@code inference_completed} events as the
 * devnet writes them (id, event, one line of JSON with the model, version, deployment, inference,
 * node, latency in ms to the microsecond, units and cost), rotating over three nodes and a thousand inferences, from a JDK
 * {@code HttpServer} on 127.0.0.1 holding it in memory.
 *
 * <ul>
 *   <li>sdk: a subscriber requesting {@code Long.MAX_VALUE} that counts its {@code onNext} calls
 *       and checks every event's kind, node and units; the SDK reads the stream, decodes every
 *       event's JSON into a {@code MetricsEvent.InferenceCompleted} (model, version and node
 *       parsed and validated, the time parsed, the cost a {@code BigDecimal}) and keeps its last id;
 *   <li>raw: {@code EventSources.createFactory(client).newEventSource(request, listener)} whose
 *       listener counts {@code onEvent} calls until {@code onClosed}; it parses no JSON.
 *   <li>info (no target): the same listener reading each event's data with Moshi into a {@code
 *       Map}, the least a raw consumer does to look at an event.
 * </ul>
 *
 * <p>After 3 untimed runs of each, {@code rounds} rounds (default 9) alternate which goes first;
 * reported is the median events per second of each. Exits 1 when the ratio sdk/raw is below
 * {@value #RATIO} or the SDK's rate below {@value #MIN_RATE} events/s, or a count is wrong.
 */
public final class FeedThroughputBenchmark {
  static final double RATIO = 0.8;
  static final double MIN_RATE = 100_000;
  static final String[] NODES = {"0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
      "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", "0x90F79bf6EB2c4f870365E785982E1f101E93b906"};

  private static final Address[] NODE_ADDRESSES = {Address.of(NODES[0]), Address.of(NODES[1]), Address.of(NODES[2])};

  private FeedThroughputBenchmark() {}

  /** What one run found: the medians' events per second and whether every count was right. */
  record Result(double sdkRate, double rawRate, boolean countsRight) {
    double ratio() {
      return sdkRate / rawRate;
    }

    boolean passed() {
      return countsRight && ratio() >= RATIO && sdkRate >= MIN_RATE;
    }
  }

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    System.exit(run(events, rounds, System.out).passed() ? 0 : 1);
  }

  /** The canned stream: {@code n} events of kind {@code inference_completed}. */
  static byte[] stream(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(n * 420);
    Instant t0 = Instant.parse("2026-12-07T12:00:00Z");
    StringBuilder b = new StringBuilder(512);
    for (int i = 1; i <= n; i++) {
      b.setLength(0);
      String id = "0a1b2c3d-" + i;
      String time = t0.plusNanos(i * 137_000L).toString();
      b.append("id: ").append(id).append("\nevent: inference_completed\ndata: {\"id\":\"").append(id)
          .append("\",\"kind\":\"inference_completed\",\"time\":\"").append(time)
          .append("\",\"model\":\"acme/sentiment\",\"version\":\"1.2.0\",\"deployment\":\"dep-7\",\"inference\":\"inf-")
          .append(i / 3 % 1000).append("\",\"node\":\"").append(NODES[i % 3]).append("\",\"latencyMs\":")
          .append((400 + i % 997) / 1000.0).append(",\"unitsIn\":24,\"unitsOut\":").append(2 + i % 3)
          .append(",\"cost\":\"0.0000").append(26 + i % 3).append("\"}\n\n");
      out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  static Result run(int events, int rounds, PrintStream out) throws Exception {
    byte[] stream = stream(events);
    OkHttpClient http = new OkHttpClient.Builder().connectionPool(new ConnectionPool(4, 1, TimeUnit.MINUTES))
        .readTimeout(Duration.ofSeconds(30)).retryOnConnectionFailure(false).build();
    try (CannedStreamServer server = CannedStreamServer.start(stream);
        AivmClient client = AivmClient.builder().gateway(server.uri()).build()) {
      boolean[] right = {true};
      Request request = new Request.Builder().url(server.uri().resolve("/v1/metrics/events").toString())
          .header("Accept", "text/event-stream").build();
      EventSource.Factory factory = EventSources.createFactory(http);
      Timing.Run sdk = () -> right[0] &= sdkRun(client, events) == events;
      Timing.Run raw = () -> right[0] &= rawRun(factory, request, false) == events;
      Timing.Run rawJson = () -> right[0] &= rawRun(factory, request, true) == events;
      long[][] nanos = Timing.interleaved(new Timing.Run[] {raw, sdk, rawJson}, 3, rounds);
      double rawRate = events / (Timing.median(nanos[0]) / 1e9);
      double sdkRate = events / (Timing.median(nanos[1]) / 1e9);
      double jsonRate = events / (Timing.median(nanos[2]) / 1e9);
      Result result = new Result(sdkRate, rawRate, right[0]);
      out.printf(Locale.ROOT, "stream     %,d inference_completed events, %,d bytes, served from memory by a JDK "
          + "HttpServer on 127.0.0.1%n", events, stream.length);
      out.printf(Locale.ROOT, "sdk        client.metrics().events(all): every event decoded into a MetricsEvent%n");
      out.printf(Locale.ROOT, "raw        okhttp-sse EventSource, listener counts onEvent; no JSON parsed%n");
      out.printf(Locale.ROOT, "info       okhttp-sse + Moshi reading each event's data into a Map: what a raw consumer "
          + "that looks at its events pays%n");
      out.printf(Locale.ROOT, "rounds     %d after 3 untimed runs of each, order alternating; medians%n%n", rounds);
      out.printf(Locale.ROOT, "raw okhttp-sse (count)   %,12.0f events/s%n", rawRate);
      out.printf(Locale.ROOT, "sdk live feed            %,12.0f events/s   (target >= %,.0f)%n", sdkRate, MIN_RATE);
      out.printf(Locale.ROOT, "raw okhttp-sse + Moshi   %,12.0f events/s   (sdk / this = %.3f)%n", jsonRate,
          sdkRate / jsonRate);
      out.printf(Locale.ROOT, "every run saw all %,d events, each checked: %s%n", events, right[0]);
      out.printf(Locale.ROOT, "events/s ratio sdk/raw = %.3f   target >= %.1f   %s%n", result.ratio(), RATIO,
          result.passed() ? "PASS" : "FAIL");
      out.printf(Locale.ROOT, "per event: raw %.0f ns, sdk %.0f ns, raw + Moshi %.0f ns%n", 1e9 / rawRate,
          1e9 / sdkRate, 1e9 / jsonRate);
      return result;
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** One SDK subscription until {@code events} have arrived; how many arrived right, or -1. */
  static long sdkRun(AivmClient client, int events) throws InterruptedException, IOException {
    CountDownLatch all = new CountDownLatch(1);
    AtomicLong n = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    boolean[] ok = {true};
    client.metrics().events(MetricsFilter.all()).subscribe(new Flow.Subscriber<>() {
      private Flow.Subscription s;

      @Override
      public void onSubscribe(Flow.Subscription s) {
        this.s = s;
        s.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(MetricsEvent e) {
        long i = n.incrementAndGet();
        if (e instanceof MetricsEvent.InferenceCompleted c) {
          ok[0] &= c.unitsIn() == 24 && c.unitsOut() == 2 + i % 3 && c.ref().node().equals(NODE_ADDRESSES[(int) (i % 3)]);
        } else {
          ok[0] = false;
        }
        if (i == events) {
          s.cancel();
          all.countDown();
        }
      }

      @Override
      public void onError(Throwable t) {
        failure.set(t);
        all.countDown();
      }

      @Override
      public void onComplete() {
        all.countDown();
      }
    });
    if (!all.await(120, TimeUnit.SECONDS)) {
      throw new IOException("the SDK's feed did not deliver " + events + " events in 120 s (" + n.get() + ")");
    }
    if (failure.get() != null) {
      throw new IOException("the SDK's feed failed: " + failure.get(), failure.get());
    }
    return ok[0] ? n.get() : -1;
  }

  private static final JsonAdapter<Object> MAPS = new Moshi.Builder().build().adapter(Object.class);

  /** One okhttp-sse stream, counting its events (and reading each one's JSON when {@code json}). */
  static long rawRun(EventSource.Factory factory, Request request, boolean json)
      throws InterruptedException, IOException {
    return RawSse.count(factory, request, (type, data) -> !json || isCompleted(data));
  }

  private static boolean isCompleted(String data) {
    try {
      return MAPS.fromJson(data) instanceof java.util.Map<?, ?> m && "inference_completed".equals(m.get("kind"));
    } catch (IOException e) {
      return false;
    }
  }
}
