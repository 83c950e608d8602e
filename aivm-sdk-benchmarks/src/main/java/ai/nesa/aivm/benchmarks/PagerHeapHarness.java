package ai.nesa.aivm.benchmarks;

import ai.nesa.aivm.sdk.AivmClient;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows that the SDK's lazy pager holds one page at a time: it walks a 100,000-model catalog with
 * {@code listAll} (pages of 100) in a JVM capped at 64 MiB of heap, checks every id in order, and
 * prints the count, the time and the heap it took.
 *
 * <pre>
 * java -Xmx64m -cp aivm-sdk-benchmarks/target/benchmarks.jar ai.nesa.aivm.benchmarks.PagerHeapHarness [models]
 * </pre>
 *
 * <p>Exits 0 when every model arrived, in order; 1 when the count or an id is wrong (or the walk
 * failed); 2, before doing anything, when the heap is not capped at 64 MiB, since a larger heap
 * would prove nothing. The catalog server runs in the same JVM, so its page buffers count too.
 */
public final class PagerHeapHarness {
  static final long HEAP_CAP = 64 * Mib.BYTES;
  static final int PAGE_SIZE = 100;
  private static final int DEFAULT_MODELS = 100_000;

  private PagerHeapHarness() {}

  public static void main(String[] args) throws IOException {
    int models = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_MODELS;
    long maxHeap = Runtime.getRuntime().maxMemory();
    if (maxHeap > HEAP_CAP) {
      System.err.println("refusing to run: the max heap is " + Mib.of(maxHeap) + ", above the "
          + Mib.of(HEAP_CAP) + " cap this harness proves the pager against; run it with java -Xmx64m");
      System.exit(2);
    }
    System.exit(run(models, System.out) ? 0 : 1);
  }

  /** Walks a catalog of {@code models} and prints the outcome; true when every model was right. */
  static boolean run(int models, PrintStream out) throws IOException {
    PagerWalk.Result result;
    HeapMeter.Snapshot heap;
    try (CatalogServer server = CatalogServer.start(models, 2);
        AivmClient client = AivmClient.builder().gateway(server.uri()).noCircuitBreaker().build();
        HeapMeter meter = HeapMeter.start()) {
      result = PagerWalk.walk(client, PAGE_SIZE);
      heap = meter.snapshot();
    }
    boolean ok = result.isComplete(models);
    long maxHeap = Runtime.getRuntime().maxMemory();
    out.printf(Locale.ROOT, "models     %,d of %,d expected, ids %s%n", result.count(), models,
        result.firstWrong() < 0 ? "all in order" : "wrong from #" + result.firstWrong() + " (" + result.firstWrongId() + ")");
    out.printf(Locale.ROOT, "elapsed    %.2f s (%,d pages of %d)%n", result.elapsedNanos() / 1e9,
        (models + PAGE_SIZE - 1) / PAGE_SIZE, PAGE_SIZE);
    out.printf(Locale.ROOT, "heap max   %s%n", Mib.of(maxHeap));
    out.printf(Locale.ROOT, "heap peak  %s (sum of the heap pools' peaks: %s)%n",
        Mib.of(heap.peakPoolsSum()), heap.peaksByPool());
    out.printf(Locale.ROOT, "live peak  %s (most heap in use right after one of %d collections)%n",
        Mib.of(heap.maxAfterGc()), heap.collections());
    out.println(ok ? "PASS" : "FAIL");
    return ok;
  }
}
