package ai.nesa.aivm.benchmarks.kernels;

import ai.nesa.aivm.benchmarks.HeapMeter;
import ai.nesa.aivm.benchmarks.Timing;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.storage.CidBytes;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Shows that publishing streams in constant memory: a 4 GiB weights file through the publish
 * pipeline into a local directory store, in a JVM capped at 64 MiB of heap, and the CID the
 * manifest records checked against the file's CID computed afterwards.
 *
 * <pre>
 * java -Xmx64m -cp aivm-sdk-benchmarks/target/benchmarks.jar \
 *     ai.nesa.aivm.benchmarks.kernels.PublishHeapHarness [MiB] [dir]
 * </pre>
 *
 * <p>The weights (pseudo-random, every byte written) and the store go in a fresh directory under
 * {@code dir} (default {@code java.io.tmpdir}), which must have room for both, twice the size
 * ({@code df} is asked first); it is deleted afterwards, also on failure. Exits 0 when the upload
 * finished and the CIDs match; 1 when they differ or the upload failed; 2, before doing anything,
 * when the max heap is above 64 MiB (a larger heap would prove nothing) or the disk is too full.
 */
public final class PublishHeapHarness {
  static final long HEAP_CAP = 64 * Timing.MIB;
  private static final long DEFAULT_MIB = 4096;

  private PublishHeapHarness() {}

  public static void main(String[] args) throws Exception {
    long size = (args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_MIB) * Timing.MIB;
    Path dir = Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir"));
    long maxHeap = Runtime.getRuntime().maxMemory();
    if (maxHeap > HEAP_CAP) {
      System.err.println("refusing to run: the max heap is " + Timing.mib(maxHeap) + ", above the "
          + Timing.mib(HEAP_CAP) + " cap this harness proves the pipeline against; run it with java -Xmx64m");
      System.exit(2);
    }
    FreeSpace.require(dir, 2 * size + 64 * Timing.MIB, "the weights file and the store");
    boolean ok;
    Path work = Trees.temporaryDirectory(dir, "publish-heap-");
    try {
      ok = run(work, size, System.out);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.out.println("FAIL");
      ok = false;
    } finally {
      Trees.deleteQuietly(work);
    }
    System.exit(ok ? 0 : 1);
  }

  /** Writes the weights in {@code work}, publishes them, prints the outcome; true when the CIDs match. */
  static boolean run(Path work, long size, PrintStream out) throws Exception {
    Path weights = work.resolve(Publish.WEIGHTS);
    long writeNanos = Timing.time(() -> WeightsFile.create(weights, size));
    out.printf(Locale.ROOT, "weights    %s of pseudo-random bytes written to %s in %.1f s%n", Timing.mib(size),
        weights, writeNanos / 1e9);

    PublishedKernel published;
    HeapMeter.Snapshot heap;
    long start = System.nanoTime();
    try (HeapMeter meter = HeapMeter.start()) {
      published = Publish.toDirectory(weights, work.resolve("store"));
      heap = meter.snapshot();
    }
    long publishNanos = System.nanoTime() - start;

    Cid recorded = Publish.weightsCid(published);
    long checkStart = System.nanoTime();
    Cid computed = ContentIds.v1Only().of(weights).cidV1();
    long checkNanos = System.nanoTime() - checkStart;
    boolean ok = CidBytes.sameCid(recorded, computed);

    out.printf(Locale.ROOT, "publish    %.1f s (%.0f MB/s) into a local store: %d files stored, manifest %s%n",
        publishNanos / 1e9, Timing.mbPerSecond(size, publishNanos), published.storedFiles(), published.manifestCid());
    out.printf(Locale.ROOT, "heap max   %s%n", Timing.mib(Runtime.getRuntime().maxMemory()));
    out.printf(Locale.ROOT, "heap peak  %s (sum of the heap pools' peaks: %s)%n", Timing.mib(heap.peakPoolsSum()),
        heap.peaksByPool());
    out.printf(Locale.ROOT, "live peak  %s (most heap in use right after one of %d collections)%n",
        Timing.mib(heap.maxAfterGc()), heap.collections());
    out.printf(Locale.ROOT, "cid        manifest %s%n           file     %s (ContentIds.v1Only().of(file), "
        + "%.1f s, afterwards)%n", recorded, computed, checkNanos / 1e9);
    out.println(ok ? "PASS" : "FAIL: the manifest's CID is not the file's");
    return ok;
  }
}
