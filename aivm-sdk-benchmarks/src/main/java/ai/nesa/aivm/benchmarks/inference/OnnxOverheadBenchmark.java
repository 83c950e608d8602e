package ai.nesa.aivm.benchmarks.inference;

import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.inference.InferenceClient;
import ai.nesa.aivm.sdk.inference.InferenceOptions;
import ai.nesa.aivm.sdk.inference.InferenceResult;
import ai.nesa.aivm.sdk.inference.TensorInput;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the whole stack adds to the model: ONNX Runtime's {@code OrtSession.run} in this process
 * against {@code client.inference().infer(...)} on the devnet, on the same model and the same
 * {@code input_ids} and {@code attention_mask}, p50 in milliseconds and their difference.
 *
 * <pre>
 * java -cp aivm-sdk-benchmarks/target/benchmarks.jar \
 *     ai.nesa.aivm.benchmarks.inference.OnnxOverheadBenchmark [calls per round] [rounds]
 * </pre>
 *
 * <ul>
 *   <li>ort in-process: {@link InProcessOnnx}, the session loaded as a devnet node loads it; each
 *       call makes the two input tensors, runs, copies the logits out and closes everything;
 *   <li>sdk infer: on {@link ClassifierDevnet} (one node, preset {@code fast}, in this JVM), a
 *       client with every default, verification on: the HTTP round trip over 127.0.0.1, the
 *       gateway's work (request checks, lock, records), the node's ORT run and receipt signature,
 *       JSON both ways, and the receipt checked;
 *   <li>sdk skipVerification (information): the same without the client's checks.
 * </ul>
 *
 * <p>The SDK's logits are checked equal, bit for bit, to the in-process ones. After a warm-up
 * (1,000 calls of each), {@code rounds} rounds (default 7) of {@code calls} calls per side (default
 * 400) from one thread, the sides interleaved call by call in a rotating order so that noise lands
 * on all of them alike, each call timed alone; reported is the median over rounds of each round's
 * p50. There is no target: the figures are the answer. Exits 1 when the logits differ.
 */
public final class OnnxOverheadBenchmark {
  private static final String[] NAMES = {"ort in-process", "sdk infer (verified)", "sdk skipVerification"};

  private OnnxOverheadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Result result = run(calls, rounds, InferRoundTripBenchmark.WARMUP_CALLS, System.out);
    System.exit(result.logitsAgree() ? 0 : 1);
  }

  /**
   * What one run found.
   *
   * @param ortP50Nanos ONNX Runtime in-process, median of the rounds' p50s
   * @param sdkP50Nanos the SDK's {@code infer}, verified, the same
   * @param skipP50Nanos the SDK's {@code infer} without verification, the same
   * @param logitsAgree whether the SDK's logits were the in-process ones in every call
   */
  record Result(long ortP50Nanos, long sdkP50Nanos, long skipP50Nanos, boolean logitsAgree) {}

  /** Measures with {@code warmup} untimed calls of each side first; prints the table to {@code out}. */
  static Result run(int calls, int rounds, int warmup, PrintStream out) throws Exception {
    long[] ids = ClassifierDevnet.inputIds();
    long[] mask = ClassifierDevnet.attentionMask();
    TensorInput input = ClassifierDevnet.input();
    InferenceOptions skip = InferenceOptions.builder().skipVerification().build();
    try (ClassifierDevnet devnet = ClassifierDevnet.start();
        InProcessOnnx ort = new InProcessOnnx();
        AivmClient client = AivmClient.builder().gateway(devnet.gateway()).build()) {
      InferenceClient inference = client.inference();
      float[] expected = ort.logits(ids, mask);
      boolean[] agree = {true};
      Timed[] sides = {
          () -> agree[0] &= Arrays.equals(expected, ort.logits(ids, mask)),
          () -> agree[0] &= sameLogits(expected, inference.infer(devnet.deploymentId(), input)),
          () -> agree[0] &= sameLogits(expected, inference.infer(devnet.deploymentId(), input, skip))};
      interleaved(sides, warmup); // untimed
      long[][] roundP50 = new long[3][rounds];
      for (int r = 0; r < rounds; r++) {
        long[][] round = interleaved(sides, calls);
        for (int i = 0; i < 3; i++) {
          roundP50[i][r] = Latencies.of(round[i]).p50();
        }
      }
      long[] p50 = new long[3];
      out.printf(Locale.ROOT, "model      %s (TinyModel.BYTE_PAIR_SENTIMENT), input_ids and attention_mask int64 "
          + "[1, %d]%n", ClassifierDevnet.MODEL, ids.length);
      out.printf(Locale.ROOT, "devnet     1 node, preset fast (consensus none, receipts required), in this JVM%n");
      out.printf(Locale.ROOT, "rounds     %d after a warm-up, %d calls per side each from one thread, interleaved "
          + "call by call; p50 = median of the rounds' p50s%n%n", rounds, calls);
      out.printf(Locale.ROOT, "%-22s %9s   %s%n", "", "p50 (ms)", "p50 of each round (ms)");
      for (int i = 0; i < 3; i++) {
        p50[i] = InferRoundTripBenchmark.median(roundP50[i]);
        StringBuilder each = new StringBuilder();
        for (long v : roundP50[i]) {
          each.append(String.format(Locale.ROOT, " %.3f", v / 1e6));
        }
        out.printf(Locale.ROOT, "%-22s %9.3f   %s%n", NAMES[i], p50[i] / 1e6, each.toString().trim());
      }
      out.println();
      out.printf(Locale.ROOT, "sdk infer - ort in-process            = %+.3f ms at the p50 (%.1fx)%n",
          (p50[1] - p50[0]) / 1e6, p50[1] / (double) p50[0]);
      out.printf(Locale.ROOT, "sdk skipVerification - ort in-process = %+.3f ms at the p50%n", (p50[2] - p50[0]) / 1e6);
      out.printf(Locale.ROOT, "logits of every SDK call equal to the in-process ones, bit for bit: %s%n", agree[0]);
      return new Result(p50[0], p50[1], p50[2], agree[0]);
    }
  }

  private static boolean sameLogits(float[] expected, InferenceResult result) {
    return Arrays.equals(expected, result.tensorOutput().tensor("logits").asFloats());
  }

  @FunctionalInterface
  private interface Timed {
    void run() throws Exception;
  }

  /** {@code calls} calls of each side, interleaved call by call in a rotating order; nanoseconds by side. */
  private static long[][] interleaved(Timed[] sides, int calls) throws Exception {
    long[][] nanos = new long[sides.length][calls];
    for (int c = 0; c < calls; c++) {
      for (int k = 0; k < sides.length; k++) {
        int side = (c + k) % sides.length;
        long start = System.nanoTime();
        sides[side].run();
        nanos[side][c] = System.nanoTime() - start;
      }
    }
    return nanos;
  }
}
