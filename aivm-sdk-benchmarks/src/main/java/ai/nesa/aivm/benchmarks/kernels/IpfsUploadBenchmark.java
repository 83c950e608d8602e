package ai.nesa.aivm.benchmarks.kernels;

import ai.nesa.aivm.benchmarks.Timing;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.storage.CidBytes;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.KernelStore;
import ai.nesa.aivm.sdk.testing.JsIpfsNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishing to a js-ipfs 0.66.1 node through the SDK against {@code curl} posting the same file to
 * the same {@code add} endpoint, in one run, and their throughput ratio.
 *
 * <pre>
 * java -cp aivm-sdk-benchmarks/target/benchmarks.jar \
 *     ai.nesa.aivm.benchmarks.kernels.IpfsUploadBenchmark [MiB] [rounds] [dir]
 * </pre>
 *
 * <p>Starts its own offline daemon ({@link JsIpfsNode}, from the js-ipfs the core module's build
 * installs; run from the repository root) with its repository under a fresh directory in {@code
 * dir} (default {@code java.io.tmpdir}), beside a weights file of pseudo-random bytes (default 256
 * MiB) that is read once first, so both sides read it from the page cache. After one untimed run
 * of each, {@code rounds} rounds (default 7) alternate which goes first:
 *
 * <ul>
 *   <li>curl: {@link CurlAdd}, {@code curl -F file=@FILE} to {@code add} with the SDK store's query
 *       ({@value CurlAdd#QUERY}); the process's whole life is timed;
 *   <li>sdk: {@code KernelUploader.using(KernelStore.ipfs(rpc)).upload(bundle)}, opening and
 *       closing the store included: validation, then an {@code add} each for {@code aivm.json},
 *       the weights (hashed by the SDK as sent) and the manifest.
 * </ul>
 *
 * <p>After every run, untimed, what it pinned is unpinned and {@code repo/gc} run, and the
 * repository is checked to hold the same blocks as after the first clean (the empty directory
 * js-ipfs makes its MFS root), so neither side finds a block already there. curl's CID and the SDK manifest's CID for the weights are checked against
 * {@link ContentIds#v1Only()} of the file. Exits 1 when the ratio sdk/curl is below {@value
 * #TARGET} or a check failed; 2 when the disk is too full. The daemon is stopped and everything
 * deleted at the end, also on failure.
 */
public final class IpfsUploadBenchmark {
  static final double TARGET = 0.9;
  private static final long DEFAULT_MIB = 256;
  private static final Pattern REF = Pattern.compile("\"Ref\"\\s*:\\s*\"([^\"]+)\"");

  private IpfsUploadBenchmark() {}

  public static void main(String[] args) throws Exception {
    long size = (args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_MIB) * Timing.MIB;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Path.of(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
    // The weights, one copy in the node's blockstore, and room for its datastore and logs.
    FreeSpace.require(dir, 2 * size + 256 * Timing.MIB, "the weights file and one copy in the node");
    boolean ok;
    Path work = Trees.temporaryDirectory(dir, "ipfs-bench-");
    try {
      ok = run(work, size, rounds);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.out.println("FAIL");
      ok = false;
    } finally {
      Trees.deleteQuietly(work);
    }
    System.exit(ok ? 0 : 1);
  }

  private static boolean run(Path work, long size, int rounds) throws Exception {
    Path weights = WeightsFile.create(work.resolve(Publish.WEIGHTS), size);
    Cid expected = ContentIds.v1Only().of(weights).cidV1(); // also reads the file into the page cache
    WeightsFile.warm(weights);
    try (JsIpfsNode node = JsIpfsNode.start(JsIpfsNode.jsDir(), work.resolve("jsipfs-repo"))) {
      Side side = new Side(node, weights, expected);
      side.curl();
      side.clean();
      side.sdk();
      side.clean();
      long[][] nanos = new long[2][rounds];
      for (int r = 0; r < rounds; r++) {
        for (int i : r % 2 == 0 ? new int[] {0, 1} : new int[] {1, 0}) {
          nanos[i][r] = i == 0 ? side.curl() : side.sdk();
          side.clean();
        }
      }

      System.out.printf(Locale.ROOT, "weights    %s of pseudo-random bytes, read once before timing: both sides "
          + "read it from the page cache%n", Timing.mib(size));
      System.out.printf(Locale.ROOT, "node       js-ipfs 0.66.1 offline at %s, repository %s%n", node.rpc(),
          work.resolve("jsipfs-repo"));
      System.out.printf(Locale.ROOT, "curl       %s%n", CurlAdd.shellForm(node.rpc(), weights));
      System.out.printf(Locale.ROOT, "rounds     %d timed after one untimed run of each, order alternating; after "
          + "every run pin rm + repo gc (back to the %d block(s) left after the first: %s); medians%n%n", rounds,
          side.baseline.size(), String.join(" ", side.baseline));
      System.out.printf(Locale.ROOT, "%-8s %10s %8s   %s%n", "", "median", "MB/s", "runs (s)");
      String[] names = {"curl", "sdk"};
      for (int i = 0; i < 2; i++) {
        long m = Timing.median(nanos[i]);
        System.out.printf(Locale.ROOT, "%-8s %8.3f s %8.0f   %s%n", names[i], m / 1e9, Timing.mbPerSecond(size, m),
            Timing.all(nanos[i]));
      }
      double ratio = Timing.median(nanos[0]) / (double) Timing.median(nanos[1]);
      boolean ok = side.cidsAgree && ratio >= TARGET;
      System.out.printf(Locale.ROOT, "%nmodel.onnx CID %s: curl's and the SDK manifest's %s%n", expected,
          side.cidsAgree ? "the same in every run" : "DIFFERENT: " + side.wrong);
      System.out.printf(Locale.ROOT, "throughput ratio sdk/curl = %.3f   target >= %.1f   %s%n", ratio, TARGET,
          ok ? "PASS" : "FAIL");
      return ok;
    }
  }

  /** The CIDs of the blocks in the node's repository, from {@code refs/local}. */
  static Set<String> localBlocks(JsIpfsNode node) throws IOException, InterruptedException {
    Set<String> refs = new TreeSet<>();
    for (Matcher m = REF.matcher(node.call("refs/local", Map.of())); m.find(); ) {
      refs.add(m.group(1));
    }
    return refs;
  }

  /** The two sides, each run checked and its pins remembered for {@link #clean}. */
  private static final class Side {
    private final JsIpfsNode node;
    private final Path weights;
    private final Cid expected;
    private final List<Cid> pinned = new ArrayList<>();
    Set<String> baseline;
    boolean cidsAgree = true;
    String wrong = "";

    Side(JsIpfsNode node, Path weights, Cid expected) {
      this.node = node;
      this.weights = weights;
      this.expected = expected;
    }

    long curl() throws Exception {
      Cid[] cid = new Cid[1];
      long nanos = Timing.time(() -> cid[0] = CurlAdd.add(node.rpc(), weights));
      pinned.add(cid[0]);
      check("curl", cid[0]);
      return nanos;
    }

    long sdk() throws Exception {
      PublishedKernel[] published = new PublishedKernel[1];
      long nanos = Timing.time(() -> {
        try (KernelStore store = KernelStore.ipfs(node.rpc())) {
          published[0] = KernelUploader.using(store).upload(Publish.bundle(weights));
        }
      });
      published[0].manifest().files().stream().map(ManifestEntry::cid).forEach(pinned::add);
      pinned.add(published[0].manifestCid());
      check("sdk", Publish.weightsCid(published[0]));
      return nanos;
    }

    private void check(String who, Cid cid) {
      if (!CidBytes.sameCid(expected, cid)) {
        cidsAgree = false;
        wrong += who + " " + cid + " ";
      }
    }

    /**
     * Unpins what the last run pinned, collects garbage, and checks the node holds the same blocks
     * as after the first clean: only the empty directory js-ipfs makes its MFS root on the first
     * {@code add} and keeps from the collector.
     */
    void clean() throws IOException, InterruptedException {
      for (Cid cid : pinned) {
        node.call("pin/rm", Map.of("arg", cid.value(), "recursive", "true"));
      }
      pinned.clear();
      node.call("repo/gc", Map.of());
      Set<String> left = localBlocks(node);
      if (baseline == null) {
        baseline = left;
      } else if (!left.equals(baseline)) {
        throw new IllegalStateException("after pin rm and repo gc the node holds " + left + ", not "
            + baseline + ": the next run would find blocks already there");
      }
    }
  }
}
