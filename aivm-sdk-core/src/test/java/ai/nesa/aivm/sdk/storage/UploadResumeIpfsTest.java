package ai.nesa.aivm.sdk.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.FileRole;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploadException;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.Security;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.kernels.UploadProgress;
import ai.nesa.aivm.sdk.kernels.UploadStage;
import ai.nesa.aivm.sdk.kernels.UploadState;
import ai.nesa.aivm.sdk.testing.JsIpfsNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernel uploads to a real js-ipfs node whose connection {@link CuttingProxy} resets part way
 * through an {@code add} body, again and again: each cut is a {@link KernelUploadException}, the
 * next attempt resumes from what it stored, and what is finally published is every file intact.
 *
 * <p>The cut points are drawn from a {@link Random} with a fixed seed, printed; try others with
 * {@code -Daivm.cutSeed=<seed>}. Each point lies inside the add bodies that attempt still has to
 * send: the files a resume cannot skip plus a manifest's worth, counted without the multipart and
 * chunked framing, so every armed cut happens.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class UploadResumeIpfsTest {
  /** The cut points' seed unless {@code -Daivm.cutSeed} gives another: fixed, so a CI run is repeatable. */
  private static final long DEFAULT_SEED = 20_261_125L;

  private static final int PUBLIC_CUTS = 20;
  private static final int PRIVATE_CUTS = 5;
  /** Fewer bytes than any manifest of these bundles: six entries of path, CID, size, role. */
  private static final long MANIFEST_AT_LEAST = 256;
  private static final Set<FileRole> ENCRYPTED = EnumSet.of(FileRole.WEIGHTS, FileRole.CODE);

  private static JsIpfsNode node;

  @TempDir Path dir;

  private long seed;
  private Random random;
  private CuttingProxy proxy;
  private KernelStore cut;
  private KernelStore direct;

  @BeforeAll
  static void startNode() throws IOException, InterruptedException {
    node = JsIpfsNode.start();
  }

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @BeforeEach
  void openStores() throws IOException {
    seed = Long.getLong("aivm.cutSeed", DEFAULT_SEED);
    random = new Random(seed);
    System.out.println("UploadResumeIpfsTest cut seed " + seed + " (rerun with -Daivm.cutSeed=" + seed + ")");
    proxy = CuttingProxy.start(node.rpc());
    cut = KernelStore.ipfs(proxy.uri());
    direct = KernelStore.ipfs(node.rpc());
  }

  @AfterEach
  void closeStores() {
    if (cut != null) {
      cut.close();
    }
    if (direct != null) {
      direct.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void aPublicUploadCutTwentyTimesMidAddResumesFromEachStateToTheKernelItsFilesName() throws IOException {
    AivmConfig config = Presets.onnxClassifier("acme/cut-resume-public", "model.onnx");
    Map<String, byte[]> files = files(config, 100);
    KernelBundle bundle = bundle(config, files);
    KernelUploader uploader = KernelUploader.using(cut);

    UploadState state = null;
    int failures = 0;
    int attemptsThatSkipped = 0;
    PublishedKernel published = null;
    for (int attempt = 1; published == null; attempt++) {
      assertTrue(attempt <= PUBLIC_CUTS + 1, "more attempts than cuts: an upload failed without one; " + context());
      long cutAt = arm(failures < PUBLIC_CUTS, state, files);
      List<UploadProgress> seen = new ArrayList<>();
      UploadOptions.Builder options = UploadOptions.builder().listener(seen::add);
      if (state != null) {
        options.resumeFrom(state);
      }
      UploadState resumedFrom = state;
      try {
        published = uploader.upload(bundle, options.build());
      } catch (KernelUploadException e) {
        failures++;
        assertCutWasTheCause(e, failures, attempt, cutAt);
        assertHoldsWhole(e.state(), files, null);
        state = e.state();
      } catch (RuntimeException e) {
        throw notAnUploadFailure(e, attempt, cutAt);
      }
      if (resumedFrom != null && !resumedFrom.files().isEmpty()) {
        assertTrue(skipped(seen).containsAll(paths(resumedFrom)), "attempt " + attempt + " skipped " + skipped(seen)
            + " but had stored " + paths(resumedFrom) + "; " + context());
        attemptsThatSkipped++;
      }
    }

    assertEquals(PUBLIC_CUTS, failures, this::context);
    assertEquals(PUBLIC_CUTS, proxy.cuts(), this::context);
    assertTrue(attemptsThatSkipped > 0, "no resumed attempt skipped a stored file; " + context());
    assertEquals(files.size(), published.storedFiles() + published.skippedFiles());
    assertTrue(published.skippedFiles() >= state.files().size(), published + " after " + state);
    Manifest manifest = published.manifest();
    assertEquals(files.keySet(), paths(manifest));
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      ManifestEntry entry = manifest.file(f.getKey()).orElseThrow();
      assertEquals(ContentIds.v1Only().of(f.getValue()).cidV1(), entry.cid(), f.getKey());
      assertEquals(f.getValue().length, entry.size(), f.getKey());
      assertTrue(entry.encryption().isEmpty(), f.getKey());
    }
    assertTrue(manifest.toCanonicalBytes().length > MANIFEST_AT_LEAST, "the cut points assumed so");
    KernelUploader reader = KernelUploader.using(direct);
    assertEquals(ContentIds.v1Only().of(manifest.toCanonicalBytes()).cidV1(), published.manifestCid());
    assertEquals(manifest, reader.manifest(published.manifestCid()));
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      try (InputStream in = reader.open(manifest, f.getKey())) {
        assertArrayEquals(f.getValue(), in.readAllBytes(), f.getKey());
      }
    }
  }

  @Test
  void aPrivateUploadCutFiveTimesResumesFromItsJournalAndDecryptsToThePlaintext() throws IOException {
    AivmConfig config = Presets.onnxClassifier("acme/cut-resume-private", "model.onnx").toBuilder()
        .security(Security.privateAccess()).build();
    Map<String, byte[]> files = files(config, 200);
    KernelBundle bundle = bundle(config, files);
    KernelUploader uploader = KernelUploader.using(cut);
    SecretBytes key = ChunkedEncryption.aes256Gcm().newKey();
    Path journal = dir.resolve("upload-journal.json");
    UploadOptions.Builder options = UploadOptions.builder().dataKey(key).journal(journal);

    UploadState state = null;
    int failures = 0;
    int attemptsThatSkipped = 0;
    PublishedKernel published = null;
    for (int attempt = 1; published == null; attempt++) {
      assertTrue(attempt <= PRIVATE_CUTS + 1, "more attempts than cuts: an upload failed without one; " + context());
      long cutAt = arm(failures < PRIVATE_CUTS, state, files);
      List<UploadProgress> seen = new ArrayList<>();
      UploadState resumedFrom = state;
      try {
        published = uploader.upload(bundle, options.listener(seen::add).build());
      } catch (KernelUploadException e) {
        failures++;
        assertCutWasTheCause(e, failures, attempt, cutAt);
        assertHoldsWhole(e.state(), files, key);
        if (!e.state().files().isEmpty()) {
          assertEquals(e.state(), UploadState.fromJson(Files.readString(journal)), "the journal holds the state");
        }
        state = e.state();
      } catch (RuntimeException e) {
        throw notAnUploadFailure(e, attempt, cutAt);
      }
      if (resumedFrom != null && !resumedFrom.files().isEmpty()) {
        assertTrue(skipped(seen).containsAll(paths(resumedFrom)), "attempt " + attempt + " skipped " + skipped(seen)
            + " but its journal had " + paths(resumedFrom) + "; " + context());
        attemptsThatSkipped++;
      }
    }

    assertEquals(PRIVATE_CUTS, failures, this::context);
    assertEquals(PRIVATE_CUTS, proxy.cuts(), this::context);
    assertTrue(attemptsThatSkipped > 0, "no resumed attempt skipped a stored file; " + context());
    assertFalse(Files.exists(journal), "the journal is deleted once the kernel is stored");
    Manifest manifest = published.manifest();
    assertEquals(files.keySet(), paths(manifest));
    KernelUploader reader = KernelUploader.using(direct);
    assertEquals(manifest, reader.manifest(published.manifestCid()));
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      ManifestEntry entry = manifest.file(f.getKey()).orElseThrow();
      byte[] stored;
      try (InputStream in = reader.open(manifest, f.getKey())) {
        stored = in.readAllBytes();
      }
      assertEquals(ContentIds.v1Only().of(stored).cidV1(), entry.cid(), f.getKey());
      if (ENCRYPTED.contains(entry.role())) {
        assertTrue(entry.encryption().isPresent(), f.getKey());
        assertEquals(ChunkedEncryption.ciphertextSize(f.getValue().length), entry.size(), f.getKey());
        try (InputStream in = reader.openDecrypted(manifest, f.getKey(), key)) {
          assertArrayEquals(f.getValue(), in.readAllBytes(), f.getKey());
        }
      } else {
        assertTrue(entry.encryption().isEmpty(), f.getKey());
        assertArrayEquals(f.getValue(), stored, f.getKey());
      }
    }
    assertTrue(manifest.files().stream().filter(e -> e.encryption().isPresent()).count() >= 3,
        "weights, extra weights and code are encrypted: " + manifest);
  }

  /**
   * Arms the proxy at a random point inside the add bodies the next attempt still has to send, or
   * disarms it; returns the point, or -1.
   */
  private long arm(boolean cutThisAttempt, UploadState state, Map<String, byte[]> files) {
    if (!cutThisAttempt) {
      proxy.passThrough();
      return -1;
    }
    long toSend = MANIFEST_AT_LEAST;
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (!(state != null && skippable(f.getKey(), f.getValue(), state))) {
        toSend += f.getValue().length; // the plaintext: no more than is sent, encrypted or not
      }
    }
    long cutAt = 1 + random.nextLong(toSend);
    proxy.cutAfter(cutAt);
    return cutAt;
  }

  /** Whether a resume from {@code state} skips the file, as the uploader decides it. */
  private boolean skippable(String path, byte[] content, UploadState state) {
    if (state.file(path).filter(f -> direct.has(f.entry().cid())).isPresent()) {
      return true;
    }
    return direct.has(ContentIds.v1Only().of(content).cidV1()); // an unencrypted file the node holds anyway
  }

  private void assertCutWasTheCause(KernelUploadException e, int failures, int attempt, long cutAt) {
    System.out.println("attempt " + attempt + ": cut after " + cutAt + " body bytes, stopped at "
        + e.path().orElse("the manifest") + " with " + paths(e.state()) + " stored");
    assertEquals(failures, proxy.cuts(), () -> "attempt " + attempt + " (cut after " + cutAt + " body bytes) failed "
        + "without a cut; " + context() + "\n" + stackTrace(e));
    assertInstanceOf(AivmIoException.class, e.getCause(), () -> "attempt " + attempt + ": a cut connection is an I/O"
        + " failure; " + context() + "\n" + stackTrace(e));
  }

  /**
   * Checks that every file a failed attempt reports stored is held whole by the node: its CID is
   * the local one (public) or its ciphertext decrypts to the source (private).
   */
  private void assertHoldsWhole(UploadState state, Map<String, byte[]> files, SecretBytes key) throws IOException {
    KernelUploader reader = KernelUploader.using(direct);
    Manifest stored = Manifest.builder().name(state.name()).version(state.version())
        .files(state.files().stream().map(UploadState.StoredFile::entry).toList()).build();
    for (UploadState.StoredFile f : state.files()) {
      byte[] source = files.get(f.entry().path());
      String path = f.entry().path();
      assertEquals(ContentIds.v1Only().of(source).cidV1(), f.sourceCid(), path);
      assertTrue(direct.has(f.entry().cid()), path + " is reported stored; " + context());
      if (f.entry().encryption().isEmpty()) {
        assertEquals(f.sourceCid(), f.entry().cid(), path);
      } else {
        try (InputStream in = reader.openDecrypted(stored, path, key)) {
          assertArrayEquals(source, in.readAllBytes(), path);
        }
      }
    }
  }

  private AssertionError notAnUploadFailure(RuntimeException e, int attempt, long cutAt) {
    return new AssertionError("attempt " + attempt + " (cut after " + cutAt + " body bytes) surfaced as "
        + e.getClass().getName() + ", not as a KernelUploadException; " + context(), e);
  }

  /**
   * A bundle's files by path: 28 MiB of weights, two more weights files of 4 and 3 MiB, 2 MiB of
   * code, a README and the config.
   */
  private Map<String, byte[]> files(AivmConfig config, long seed) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("model.onnx", bytes(28 << 20, seed));
    files.put("data/tokenizer.bin", bytes(4 << 20, seed + 1));
    files.put("data/labels.bin", bytes(3 << 20, seed + 2));
    files.put("preprocess.py", bytes(2 << 20, seed + 3));
    files.put("README.md", "# Cut and resumed\n\nUploaded through a proxy that resets it.\n".getBytes(StandardCharsets.UTF_8));
    files.put(KernelBundle.CONFIG_FILE, config.toJson().getBytes(StandardCharsets.UTF_8));
    return files;
  }

  /** The bundle of {@code files}, the weights read from disk and the rest from memory. */
  private KernelBundle bundle(AivmConfig config, Map<String, byte[]> files) throws IOException {
    KernelBundle.Builder bundle = KernelBundle.builder().config(config);
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      if (f.getKey().equals(KernelBundle.CONFIG_FILE)) {
        continue;
      }
      if (f.getKey().endsWith(".onnx") || f.getKey().startsWith("data/")) {
        Path file = dir.resolve("bundle").resolve(f.getKey());
        Files.createDirectories(file.getParent());
        bundle.file(f.getKey(), Files.write(file, f.getValue()));
      } else {
        bundle.file(f.getKey(), f.getValue());
      }
    }
    KernelBundle built = bundle.build();
    try (InputStream in = built.open(KernelBundle.CONFIG_FILE)) {
      assertArrayEquals(files.get(KernelBundle.CONFIG_FILE), in.readAllBytes(), "the config's bytes are known");
    }
    assertEquals(files.keySet(), new TreeSet<>(built.paths()));
    return built;
  }

  private static Set<String> skipped(List<UploadProgress> seen) {
    return seen.stream().filter(p -> p.stage() == UploadStage.SKIPPED).map(UploadProgress::path)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> paths(UploadState state) {
    return state.files().stream().map(f -> f.entry().path()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static Set<String> paths(Manifest manifest) {
    return manifest.files().stream().map(ManifestEntry::path).collect(Collectors.toCollection(TreeSet::new));
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static String stackTrace(Throwable e) {
    StringWriter out = new StringWriter();
    e.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** What a failure message needs to reproduce the run. */
  private String context() {
    return "cut seed " + seed + ", " + proxy.cuts() + " cuts";
  }
}
