package ai.nesa.aivm.benchmarks.inference;

import ai.nesa.aivm.benchmarks.Timing;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.inference.InferenceClient;
import ai.nesa.aivm.sdk.inference.InferenceEvent;
import ai.nesa.aivm.sdk.inference.InferenceInput;
import ai.nesa.aivm.sdk.inference.InferenceOptions;
import ai.nesa.aivm.sdk.inference.InferenceStream;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSources;

/**
 * Streamed events parsed per second: the SDK's {@link InferenceStream}, iterated, against a plain
 * okhttp-sse listener that only counts its {@code onEvent} calls, on the same canned stream from
 * the same server, in one run.
 *
 * <pre>
 * java -cp aivm-sdk-benchmarks/target/benchmarks.jar \
 *     ai.nesa.aivm.benchmarks.inference.StreamParseBenchmark [chunks] [rounds]
 * </pre>
 *
 * <p>{@link CannedStreamServer} answers every POST with {@link CannedEventStream}: {@code ack},
 * {@code chunks} {@code chunk} events (default 200,000) and a {@code done} without receipts.
 *
 * <ul>
 *   <li>sdk: {@code client.inference().stream("dep-1", input, options)} with {@code
 *       skipVerification().receiptsRequired(false)}, every event taken from the iterator: the SDK
 *       reads the event stream on the iterating thread and decodes each event's JSON into its
 *       {@code InferenceEvent} (chunks in the compact form through its fast path, the rest through
 *       Moshi); chunk indexes and the done's text are checked;
 *   <li>raw: {@code EventSources.createFactory(client).newEventSource(request, listener)} whose
 *       listener counts {@code onEvent} calls until {@code onClosed}. It does not parse the JSON:
 *       it is okhttp-sse's own event parsing and nothing else. It posts the body the SDK posted (as
 *       the server received it) with an {@code OkHttpClient} of the SDK's settings.
 * </ul>
 *
 * <p>Each run is timed from the request to the last event. After 3 untimed runs of each, {@code
 * rounds} rounds (default 11) alternate which goes first; reported is the median over rounds of
 * events per second. Exits 1 when the ratio sdk/raw is below {@value #TARGET} or a count is wrong.
 */
public final class StreamParseBenchmark {
  static final double TARGET = 0.8;
  private static final String[] NAMES = {"raw okhttp-sse (count)", "sdk InferenceStream",
      "raw + json codec (info)"};

  private StreamParseBenchmark() {}

  public static void main(String[] args) throws Exception {
    int chunks = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 11;
    Result result = run(chunks, rounds, System.out);
    System.exit(result.passed() ? 0 : 1);
  }

  /**
   * What one run found.
   *
   * @param ratio the SDK's events per second over raw's (medians)
   * @param countsRight whether every run of both sides saw every event, in order for the SDK
   */
  record Result(double ratio, boolean countsRight) {
    boolean passed() {
      return countsRight && ratio >= TARGET;
    }
  }

  static Result run(int chunks, int rounds, PrintStream out) throws Exception {
    byte[] stream = CannedEventStream.bytes(chunks);
    long events = chunks + 2L;
    OkHttpClient http = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .retryOnConnectionFailure(false)
        .build();
    try (CannedStreamServer server = CannedStreamServer.start(stream);
        AivmClient client = AivmClient.builder().gateway(server.uri()).build()) {
      InferenceClient inference = client.inference();
      InferenceOptions options = InferenceOptions.builder().skipVerification().receiptsRequired(false).build();
      InferenceInput input = InferenceInput.text("Once upon");
      boolean[] right = {true};
      Timing.Run sdk = () -> {
        long seen = sdkRun(inference, input, options, chunks);
        right[0] &= seen == events;
      };
      sdk.run(); // the first SDK request's body is the one the baseline posts
      Request request = new Request.Builder()
          .url(server.uri().resolve("/v1/deployments/" + CannedEventStream.DEPLOYMENT + "/inferences").toString())
          .post(RequestBody.create(server.firstBody(), MediaType.get("application/json")))
          .build();
      EventSource.Factory factory = EventSources.createFactory(http);
      Timing.Run raw = () -> right[0] &= rawRun(factory, request, false) == events;
      Timing.Run decoding = () -> right[0] &= rawRun(factory, request, true) == events;
      long[][] nanos = Timing.interleaved(new Timing.Run[] {raw, sdk, decoding}, 3, rounds);

      out.printf(Locale.ROOT, "stream     %,d events (ack, %,d chunks {\"index\":i,\"text\":\"%s\"}, done without "
          + "receipts), %,d bytes, served from memory by a JDK HttpServer on 127.0.0.1%n", events, chunks,
          CannedEventStream.TOKEN, stream.length);
      out.printf(Locale.ROOT, "sdk        InferenceStream iterated; skipVerification().receiptsRequired(false); JSON "
          + "of every event decoded%n");
      out.printf(Locale.ROOT, "raw        okhttp-sse EventSource, listener counts onEvent; no JSON parsed%n");
      out.printf(Locale.ROOT, "info       raw + the SDK's general JSON codec (DeploymentJson, Moshi) on each event in "
          + "onEvent: what decoding every chunk with a JSON parser would cost%n");
      out.printf(Locale.ROOT, "rounds     %d after 3 untimed runs of each, order alternating; medians%n%n", rounds);
      out.printf(Locale.ROOT, "%-24s %10s %12s   %s%n", "", "median", "events/s", "runs (s)");
      double[] rate = new double[3];
      for (int i = 0; i < 3; i++) {
        long m = InferRoundTripBenchmark.median(nanos[i]);
        rate[i] = events / (m / 1e9);
        StringBuilder each = new StringBuilder();
        for (long v : nanos[i]) {
          each.append(String.format(Locale.ROOT, " %.3f", v / 1e9));
        }
        out.printf(Locale.ROOT, "%-24s %8.3f s %12.0f   %s%n", NAMES[i], m / 1e9, rate[i], each.toString().trim());
      }
      Result result = new Result(rate[1] / rate[0], right[0]);
      out.println();
      out.printf(Locale.ROOT, "every run saw all %,d events (the SDK's chunk indexes in order, its done's text whole): "
          + "%s%n", events, right[0]);
      out.printf(Locale.ROOT, "events/s ratio sdk/raw = %.3f   target >= %.1f   %s%n", result.ratio(), TARGET,
          result.passed() ? "PASS" : "FAIL");
      out.printf(Locale.ROOT, "per event: raw %.0f ns; sdk %.0f ns (its own event-stream reader and decoding, on the "
          + "iterating thread); raw + the general JSON codec per event %.0f ns%n", 1e9 / rate[0], 1e9 / rate[1],
          1e9 / rate[2]);
      return result;
    } finally {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }

  /** Iterates one SDK stream; how many events it gave, or -1 when one was not what was sent. */
  private static long sdkRun(InferenceClient inference, InferenceInput input, InferenceOptions options, int chunks) {
    long n = 0;
    long nextIndex = 0;
    boolean ok = true;
    try (InferenceStream stream = inference.stream(CannedEventStream.DEPLOYMENT, input, options)) {
      for (InferenceEvent event : stream) {
        n++;
        if (event instanceof InferenceEvent.Chunk chunk) {
          ok &= chunk.index() == nextIndex++ && CannedEventStream.TOKEN.equals(chunk.text());
        } else if (event instanceof InferenceEvent.Done done) {
          ok &= done.result().text().length() == chunks * CannedEventStream.TOKEN.length();
        }
      }
    }
    return ok ? n : -1;
  }

  /**
   * Reads one stream with okhttp-sse, counting events, and decoding each with the SDK's decoder when
   * {@code decode}; how many there were.
   */
  private static long rawRun(EventSource.Factory factory, Request request, boolean decode)
      throws InterruptedException, IOException {
    return RawSse.count(factory, request, (type, data) -> !decode || SdkDecoding.decode(type, data) != null);
  }
}
