package ai.nesa.aivm.benchmarks.inference;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.inference.InferenceClient;
import ai.nesa.aivm.sdk.inference.InferenceOptions;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.TensorInput;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * One classifier inference on the devnet, {@code client.inference().infer(...)} against the same
 * POST made with plain OkHttp, in one run: p50 latency with one caller, and throughput with
 * {@value #CALLERS} concurrent callers.
 *
 * <pre>
 * java -cp aivm-sdk-benchmarks/target/benchmarks.jar \
 *     ai.nesa.aivm.benchmarks.inference.InferRoundTripBenchmark [calls per round] [rounds] [seconds per run]
 * </pre>
 *
 * <p>The devnet ({@link ClassifierDevnet}: one node, the {@code fast} preset, receipts required)
 * runs in this JVM, on 127.0.0.1. The input is {@code input_ids} and {@code attention_mask}, int64
 * [1, 24]. Three sides call it:
 *
 * <ul>
 *   <li>raw: {@link RawInferenceClient}, the bytes and headers the SDK sends (captured once from the
 *       SDK by {@link SdkRequestCapture}), the whole answer decoded by Moshi into a {@code Map};
 *   <li>sdk: {@code infer(deployment, input)} on a client with every default: verification on, so
 *       the receipt's EIP-712 signature is recovered and the input and output hashed, and the
 *       circuit breaker on;
 *   <li>sdk skipVerification: the same with {@code InferenceOptions.builder().skipVerification()}:
 *       the receipts still come (the deployment requires them) but are not checked.
 * </ul>
 *
 * <p>Every call's answer is checked (a 200 with one receipt; the SDK's logits say positive, and
 * the report says verified or not, as asked). After a warm-up of each side (1,000 calls, then one
 * concurrent run), {@code rounds} rounds (default 9). In each round one thread makes {@code calls}
 * calls of each side (default 300), each timed alone, the sides interleaved call by call in a
 * rotating order so that noise on this shared machine lands on all of them alike; then each side in
 * turn (order alternating between rounds) has {@value #CALLERS} threads calling as fast as they can
 * for {@code seconds} (default 1.5). Reported: the median over rounds of each round's p50, and of
 * each round's calls per second. Exits 1 when a target is missed or an answer was wrong.
 */
public final class InferRoundTripBenchmark {
  static final double P50_TARGET = 1.10;
  static final double THROUGHPUT_TARGET = 0.9;
  static final int CALLERS = 16;
  static final int WARMUP_CALLS = 1000;
  private static final String[] NAMES = {"raw", "sdk", "sdk skipVerification"};

  private InferRoundTripBenchmark() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 1.5;
    Result result = run(calls, rounds, seconds, WARMUP_CALLS, System.out);
    System.exit(result.passed() ? 0 : 1);
  }

  /**
   * What one run found.
   *
   * @param p50Sdk the SDK's p50 over raw's (medians over rounds)
   * @param p50Skip the same without verification
   * @param throughputSdk the SDK's calls per second over raw's, with {@value #CALLERS} callers
   * @param throughputSkip the same without verification
   * @param calls how many calls were made, warm-up included
   */
  record Result(double p50Sdk, double p50Skip, double throughputSdk, double throughputSkip, long calls) {
    boolean passed() {
      return p50Sdk <= P50_TARGET && p50Skip <= P50_TARGET && throughputSdk >= THROUGHPUT_TARGET
          && throughputSkip >= THROUGHPUT_TARGET;
    }
  }

  /** Measures with {@code warmup} untimed calls of each side first; prints the table to {@code out}. */
  static Result run(int calls, int rounds, double seconds, int warmup, PrintStream out) throws Exception {
    try (ClassifierDevnet devnet = ClassifierDevnet.start()) {
      TensorInput input = ClassifierDevnet.input();
      SdkRequestCapture.Captured sent = SdkRequestCapture.infer(devnet.deploymentId(), input,
          InferenceOptions.defaults());
      try (AivmClient client = AivmClient.builder().gateway(devnet.gateway()).build();
          RawInferenceClient raw = new RawInferenceClient(devnet.gateway(), sent.path(), sent.body(),
              sent.header("user-agent"))) {
        Sides sides = new Sides(client.inference(), devnet.deploymentId(), input, raw);
        return measure(sides, sent, calls, rounds, seconds, warmup, out);
      }
    }
  }

  private static Result measure(Sides sides, SdkRequestCapture.Captured sent, int calls, int rounds, double seconds,
      int warmup, PrintStream out) throws Exception {
    interleaved(sides, warmup); // untimed: JIT on both ends, connections, the verifier's caches
    for (int i = 0; i < 3; i++) {
      concurrent(sides, i, seconds);
    }
    long[][][] latencies = new long[3][rounds][];
    double[][] throughput = new double[3][rounds];
    for (int r = 0; r < rounds; r++) {
      long[][] round = interleaved(sides, calls);
      for (int i = 0; i < 3; i++) {
        latencies[i][r] = round[i];
      }
      for (int i : r % 2 == 0 ? new int[] {0, 1, 2} : new int[] {2, 1, 0}) {
        throughput[i][r] = concurrent(sides, i, seconds);
      }
    }

    out.printf(Locale.ROOT, "devnet     1 node, preset fast (consensus none, receipts required), in this JVM; "
        + "ONNX classifier %s%n", ClassifierDevnet.MODEL);
    out.printf(Locale.ROOT, "request    POST %s, %d body bytes, as the SDK sent them (captured once); raw sends "
        + "them with the SDK's Accept and User-Agent and a fresh Idempotency-Key%n", sent.path(), sent.body().length);
    out.printf(Locale.ROOT, "raw        OkHttp with the SDK client's settings; whole answer decoded by Moshi into a "
        + "Map%n");
    out.printf(Locale.ROOT, "rounds     %d after a warm-up; each: %d calls per side from one thread, the sides "
        + "interleaved call by call, then %d callers for %.1f s per side, order alternating%n%n", rounds, calls,
        CALLERS, seconds);

    out.printf(Locale.ROOT, "one caller (us)          p50    p90    p99  samples   p50 of each round%n");
    long[] p50 = new long[3];
    for (int i = 0; i < 3; i++) {
      long[] roundP50 = new long[rounds];
      for (int r = 0; r < rounds; r++) {
        roundP50[r] = Latencies.of(latencies[i][r]).p50();
      }
      p50[i] = median(roundP50);
      Latencies all = Latencies.of(Latencies.concat(latencies[i]));
      StringBuilder each = new StringBuilder();
      for (long v : roundP50) {
        each.append(String.format(Locale.ROOT, " %.0f", v / 1e3));
      }
      out.printf(Locale.ROOT, "%-22s %6.0f %6.0f %6.0f %8d  %s%n", NAMES[i], p50[i] / 1e3,
          all.percentile(90) / 1e3, all.percentile(99) / 1e3, all.count(), each.toString().trim());
    }
    out.printf(Locale.ROOT, "(p50: median of the rounds' p50s; p90, p99: over every round's samples)%n%n");

    out.printf(Locale.ROOT, "%d callers           calls/s   each round%n", CALLERS);
    double[] tput = new double[3];
    for (int i = 0; i < 3; i++) {
      tput[i] = median(throughput[i]);
      StringBuilder each = new StringBuilder();
      for (double v : throughput[i]) {
        each.append(String.format(Locale.ROOT, " %.0f", v));
      }
      out.printf(Locale.ROOT, "%-22s %8.0f  %s%n", NAMES[i], tput[i], each.toString().trim());
    }

    Result result = new Result(p50[1] / (double) p50[0], p50[2] / (double) p50[0], tput[1] / tput[0],
        tput[2] / tput[0], sides.calls());
    out.println();
    out.printf(Locale.ROOT, "p50 ratio sdk/raw                        = %.3f   target <= %.2f   %s%n", result.p50Sdk,
        P50_TARGET, pass(result.p50Sdk <= P50_TARGET));
    out.printf(Locale.ROOT, "p50 ratio sdk skipVerification/raw       = %.3f   target <= %.2f   %s%n", result.p50Skip,
        P50_TARGET, pass(result.p50Skip <= P50_TARGET));
    out.printf(Locale.ROOT, "throughput ratio sdk/raw (%d callers)    = %.3f   target >= %.2f   %s%n", CALLERS,
        result.throughputSdk, THROUGHPUT_TARGET, pass(result.throughputSdk >= THROUGHPUT_TARGET));
    out.printf(Locale.ROOT, "throughput ratio sdk skip/raw (%d calls) = %.3f   target >= %.2f   %s%n", CALLERS,
        result.throughputSkip, THROUGHPUT_TARGET, pass(result.throughputSkip >= THROUGHPUT_TARGET));
    out.printf(Locale.ROOT, "p50 sdk - raw = %+.0f us, skipVerification - raw = %+.0f us: verification costs %.0f us "
        + "per call at the median%n", (p50[1] - p50[0]) / 1e3, (p50[2] - p50[0]) / 1e3, (p50[1] - p50[2]) / 1e3);
    out.printf(Locale.ROOT, "every answer checked (%d calls): 200 with one receipt; SDK logits positive, report "
        + "verified as asked%n", result.calls());
    return result;
  }

  private static String pass(boolean ok) {
    return ok ? "PASS" : "FAIL";
  }

  /**
   * {@code calls} calls of each side from one thread, interleaved call by call in a rotating order
   * (raw, sdk, skip; sdk, skip, raw; ...), so that a burst of noise on this shared machine lands on
   * every side alike; each call's nanoseconds, by side.
   */
  private static long[][] interleaved(Sides sides, int calls) throws Exception {
    long[][] nanos = new long[3][calls];
    for (int c = 0; c < calls; c++) {
      for (int k = 0; k < 3; k++) {
        int side = (c + k) % 3;
        long start = System.nanoTime();
        sides.call(side);
        nanos[side][c] = System.nanoTime() - start;
      }
    }
    return nanos;
  }

  /** {@value #CALLERS} threads calling side {@code side} until {@code seconds} pass; calls per second. */
  private static double concurrent(Sides sides, int side, double seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    try {
      CountDownLatch ready = new CountDownLatch(CALLERS);
      CountDownLatch go = new CountDownLatch(1);
      AtomicBoolean stop = new AtomicBoolean();
      List<Future<Long>> done = new ArrayList<>();
      for (int t = 0; t < CALLERS; t++) {
        done.add(pool.submit(() -> {
          ready.countDown();
          go.await();
          long n = 0;
          while (!stop.get()) {
            sides.call(side);
            n++;
          }
          return n;
        }));
      }
      ready.await();
      long start = System.nanoTime();
      go.countDown();
      Thread.sleep((long) (seconds * 1000));
      stop.set(true);
      long total = 0;
      for (Future<Long> f : done) {
        total += f.get();
      }
      long elapsed = System.nanoTime() - start;
      return total / (elapsed / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The three sides, each call checked. */
  private static final class Sides {
    private final InferenceClient inference;
    private final String deployment;
    private final TensorInput input;
    private final RawInferenceClient raw;
    private final InferenceOptions skip = InferenceOptions.builder().skipVerification().build();
    private final LongAdder calls = new LongAdder();

    Sides(InferenceClient inference, String deployment, TensorInput input, RawInferenceClient raw) {
      this.inference = inference;
      this.deployment = deployment;
      this.input = input;
      this.raw = raw;
    }

    void call(int side) throws Exception {
      switch (side) {
        case 0 -> {
          Map<String, Object> result = raw.infer();
          check(RawInferenceClient.receipts(result) == 1, "raw: not one receipt: " + result.get("receipts"));
        }
        case 1 -> checkSdk(inference.infer(deployment, input), true);
        case 2 -> checkSdk(inference.infer(deployment, input, skip), false);
        default -> throw new IllegalArgumentException("side " + side);
      }
      calls.increment();
    }

    private static void checkSdk(InferenceResult result, boolean verified) {
      check(result.receipts().size() == 1, "sdk: not one receipt");
      check(result.verification().verified() == verified, "sdk: verified is " + result.verification().verified());
      check(result.tensorOutput().tensor("logits").argmaxOfLastRow() == 1, "sdk: the logits do not say positive");
    }

    long calls() {
      return calls.sum();
    }
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException(what);
    }
  }
}
