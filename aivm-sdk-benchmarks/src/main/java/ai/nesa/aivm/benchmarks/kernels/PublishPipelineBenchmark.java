package ai.nesa.aivm.benchmarks.kernels;

import ai.nesa.aivm.benchmarks.Timing;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.storage.CidBytes;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The publish pipeline into a local directory store against raw single-thread SHA-256 over the
 * same file, in one run, and their throughput ratio.
 *
 * <pre>
 * java -cp aivm-sdk-benchmarks/target/benchmarks.jar \
 *     ai.nesa.aivm.benchmarks.kernels.PublishPipelineBenchmark [MiB] [rounds] [dir]
 * </pre>
 *
 * <p>A weights file of pseudo-random bytes (default 1 GiB) is written under {@code dir} (default
 * {@code java.io.tmpdir}) and read once before anything is timed, so every side reads it from the
 * page cache: dropping the cache would need root. Then, after one untimed run of each, {@code
 * rounds} rounds (default 5) alternate which side goes first:
 *
 * <ul>
 *   <li>sha-256: {@link Sha256Baseline}, one {@code MessageDigest} over a {@code FileChannel} and
 *       a 1 MiB buffer;
 *   <li>publish: {@code KernelUploader.using(KernelStore.localDirectory(fresh directory))
 *       .upload(bundle)}, opening and closing the store included: validation, the CID, the store's
 *       temporary files, fsync and renames; the store is deleted afterwards, untimed, so no round
 *       finds anything stored;
 *   <li>hash+copy+fsync (information): {@link HashAndCopy}, the same SHA-256 while writing a copy
 *       that is then forced to disk; what any local store must do on this disk;
 *   <li>cid only (information): {@code ContentIds.v1Only().of(file)}, the SDK's CID of the file
 *       without storing it.
 * </ul>
 *
 * <p>Before every run, untimed, {@code sync} flushes dirty pages so no run pays for another's
 * writeback. Medians are reported. The manifest's CID for the weights is checked against {@link
 * ContentIds#v1Only()} of the file, and each baseline's digest against the first. Exits 1 when the
 * throughput ratio publish/sha-256 is below {@value #TARGET} or a check failed; 2 when the disk is
 * too full.
 */
public final class PublishPipelineBenchmark {
  static final double TARGET = 0.8;
  private static final long DEFAULT_MIB = 1024;

  private PublishPipelineBenchmark() {}

  public static void main(String[] args) throws Exception {
    long size = (args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_MIB) * Timing.MIB;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path dir = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
    // The weights, plus one store or one copy at a time.
    FreeSpace.require(dir, 2 * size + 64 * Timing.MIB, "the weights file and one store at a time");
    Result result = run(dir, size, rounds, System.out);
    System.exit(result.passed() ? 0 : 1);
  }

  /**
   * What one run found.
   *
   * @param ratio throughput of the pipeline over that of SHA-256 (medians)
   * @param cid the CID the manifest gave the weights
   * @param cidsAgree whether it is {@code ContentIds.v1Only().of(file)}, in every round
   * @param digestsAgree whether every SHA-256 of the file, both baselines', was the same
   */
  record Result(double ratio, Cid cid, boolean cidsAgree, boolean digestsAgree) {
    boolean passed() {
      return cidsAgree && digestsAgree && ratio >= TARGET;
    }
  }

  /** Writes a {@code size}-byte weights file under {@code parent}, measures, prints, and deletes it all. */
  static Result run(Path parent, long size, int rounds, PrintStream out) throws Exception {
    Path work = Trees.temporaryDirectory(parent, "publish-bench-");
    try {
      return measure(work, size, rounds, out);
    } finally {
      Trees.deleteQuietly(work);
    }
  }

  private static Result measure(Path work, long size, int rounds, PrintStream out) throws Exception {
    Path weights = WeightsFile.create(work.resolve(Publish.WEIGHTS), size);
    WeightsFile.warm(weights);
    Path store = work.resolve("store");
    Path copy = work.resolve("copy");
    Cid expected = ContentIds.v1Only().of(weights).cidV1();
    byte[] digest = Sha256Baseline.digest(weights);
    boolean[] cidsAgree = {true};
    boolean[] digestsAgree = {true};
    Cid[] cid = new Cid[1];

    Timing.Run sha = () -> digestsAgree[0] &= Arrays.equals(digest, Sha256Baseline.digest(weights));
    Timing.Run publish = () -> {
      PublishedKernel published = Publish.toDirectory(weights, store);
      cid[0] = Publish.weightsCid(published);
      cidsAgree[0] &= CidBytes.sameCid(expected, cid[0]) && published.skippedFiles() == 0;
    };
    Timing.Run hashAndCopy = () -> digestsAgree[0] &= Arrays.equals(digest, HashAndCopy.copy(weights, copy));
    Timing.Run cidOnly = () -> cidsAgree[0] &= CidBytes.sameCid(expected, ContentIds.v1Only().of(weights).cidV1());
    Timing.Run[] runs = {sha, publish, hashAndCopy, cidOnly};
    Path[] outputs = {null, store, copy, null};

    for (int i = 0; i < runs.length; i++) { // warm-up, untimed: JIT, class loading, first-touch of pages
      prepare(outputs[i]);
      runs[i].run();
    }
    long[][] nanos = new long[runs.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int i : r % 2 == 0 ? new int[] {0, 1, 2, 3} : new int[] {3, 2, 1, 0}) {
        prepare(outputs[i]);
        nanos[i][r] = Timing.time(runs[i]);
      }
    }
    prepare(store);
    prepare(copy);

    out.printf(Locale.ROOT, "weights    %s of pseudo-random bytes in %s%n", Timing.mib(size), weights);
    out.printf(Locale.ROOT, "           read once before timing: every side reads it from the page cache "
        + "(dropping the cache needs root)%n");
    out.printf(Locale.ROOT, "rounds     %d timed after one untimed run of each, order alternating; medians%n%n",
        rounds);
    out.printf(Locale.ROOT, "%-22s %10s %8s   %s%n", "", "median", "MB/s", "runs (s)");
    String[] names = {"sha-256", "publish (local store)", "hash+copy+fsync (info)", "cid only (info)"};
    for (int i = 0; i < runs.length; i++) {
      long m = Timing.median(nanos[i]);
      out.printf(Locale.ROOT, "%-22s %8.3f s %8.0f   %s%n", names[i], m / 1e9, Timing.mbPerSecond(size, m),
          Timing.all(nanos[i]));
    }
    double ratio = Timing.median(nanos[0]) / (double) Timing.median(nanos[1]);
    Result result = new Result(ratio, cid[0], cidsAgree[0], digestsAgree[0]);
    out.printf(Locale.ROOT, "%nmodel.onnx CID in the manifest %s, ContentIds.v1Only().of(file) %s: %s%n", cid[0],
        expected, cidsAgree[0] ? "same, every round" : "DIFFERENT");
    out.printf(Locale.ROOT, "sha-256 of the file the same in every baseline run: %s%n", digestsAgree[0]);
    out.printf(Locale.ROOT, "throughput ratio publish/sha256 = %.3f   target >= %.1f   %s%n", ratio, TARGET,
        result.passed() ? "PASS" : "FAIL");
    return result;
  }

  /** Deletes what the next run writes, then flushes dirty pages, so no run pays for another's writeback. */
  private static void prepare(Path output) throws IOException, InterruptedException {
    if (output != null) {
      Trees.delete(output);
    }
    Process sync = new ProcessBuilder(List.of("sync")).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    if (sync.waitFor() != 0) {
      throw new IOException("sync failed");
    }
  }
}
