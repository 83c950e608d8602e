package ai.nesa.aivm.sdk.kernels.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.crypto.ChunkedDecryptor;
import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.AivmClient;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.kernels.FileRole;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploadException;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.UploadCancelledException;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.kernels.UploadProgress;
import ai.nesa.aivm.sdk.kernels.UploadStage;
import ai.nesa.aivm.sdk.kernels.UploadState;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.ContentMismatchException;
import ai.nesa.aivm.sdk.storage.ContentNotFoundException;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelUploaderTest {
  private static final int WEIGHTS = 1_300_000; // five 256 KiB blocks and a bit: a multi-block DAG

  @TempDir Path dir;
  private KernelStore local;
  private Path weights;
  private byte[] plain;

  @BeforeEach
  void setUp() throws Exception {
    local = KernelStore.localDirectory(dir.resolve("store"));
    weights = UploadFixtures.weights(dir.resolve("src/model.onnx"), WEIGHTS, 7);
    plain = Files.readAllBytes(weights);
  }

  @AfterEach
  void tearDown() {
    local.close();
  }

  private static SecretBytes newKey() {
    return ChunkedEncryption.aes256Gcm().withRandom(new SecureRandom()).newKey();
  }

  @Test
  void aPublicKernelIsStoredAsItsFilesUnderTheirOwnCids() throws Exception {
    KernelBundle bundle = UploadFixtures.bundle(UploadFixtures.publicConfig(), weights);
    PublishedKernel published = KernelUploader.using(local).upload(bundle);

    Manifest m = published.manifest();
    assertEquals(List.of("README.md", "aivm.json", "model.onnx"), m.files().stream().map(ManifestEntry::path).toList());
    for (ManifestEntry e : m.files()) {
      byte[] source;
      try (InputStream in = bundle.open(e.path())) {
        source = in.readAllBytes();
      }
      assertEquals(ContentIds.v1Only().of(source).cidV1(), e.cid(), e.path());
      assertEquals(source.length, e.size(), e.path());
      assertTrue(e.encryption().isEmpty(), e.path());
      assertTrue(local.has(e.cid()), e.path());
    }
    assertEquals(FileRole.WEIGHTS, m.file("model.onnx").orElseThrow().role());
    assertEquals(3, published.storedFiles());
    assertEquals(0, published.skippedFiles());
    assertEquals(ContentIds.v1Only().of(m.toCanonicalBytes()).cidV1(), published.manifestCid());
  }

  @Test
  void theManifestReadsBackAndEveryFileDownloadsVerified() throws Exception {
    KernelUploader uploader = KernelUploader.using(local);
    PublishedKernel published = uploader.upload(UploadFixtures.bundle(UploadFixtures.publicConfig(), weights));

    Manifest read = uploader.manifest(published.manifestCid());
    assertEquals(published.manifest(), read);
    try (InputStream in = uploader.open(read, "model.onnx", 300_000, 5_000)) {
      assertArrayEquals(Arrays.copyOfRange(plain, 300_000, 305_000), in.readAllBytes());
    }
    Path out = dir.resolve("out");
    uploader.download(read, out);
    assertArrayEquals(plain, Files.readAllBytes(out.resolve("model.onnx")));
    assertEquals(UploadFixtures.publicConfig().toJson(), Files.readString(out.resolve("aivm.json")));
    try (var files = Files.list(out)) {
      assertEquals(3, files.count(), "no part files are left behind");
    }
  }

  @Test
  void aPrivateKernelHasItsWeightsEncryptedAndItsDocsInTheClear() throws Exception {
    SecretBytes key = newKey();
    KernelUploader uploader = KernelUploader.using(local);
    PublishedKernel published = uploader.upload(UploadFixtures.bundle(UploadFixtures.privateConfig(), weights),
        UploadOptions.builder().dataKey(key).build());
    Manifest m = published.manifest();

    ManifestEntry w = m.file("model.onnx").orElseThrow();
    assertEquals(ChunkedEncryption.ciphertextSize(WEIGHTS), w.size());
    assertEquals("c2sp-chunked-aes-256-gcm", w.encryption().orElseThrow().scheme());
    assertEquals(Map.of("chunkSize", 16_384L, "plaintextSize", (long) WEIGHTS,
        "context", "aivm-kernel-file/1:acme/sentiment:model.onnx"), w.encryption().orElseThrow().parameters());
    assertFalse(local.has(ContentIds.v1Only().of(plain).cidV1()), "the plaintext is never stored");
    try (InputStream in = uploader.open(m, "model.onnx")) {
      byte[] stored = in.readAllBytes();
      assertEquals(ContentIds.v1Only().of(stored).cidV1(), w.cid());
      assertFalse(indexOf(stored, Arrays.copyOfRange(plain, 1000, 1032)) >= 0, "no plaintext run in the ciphertext");
    }
    assertTrue(m.file("README.md").orElseThrow().encryption().isEmpty());
    assertTrue(m.file("aivm.json").orElseThrow().encryption().isEmpty());

    try (InputStream in = uploader.openDecrypted(m, "model.onnx", key)) {
      assertArrayEquals(plain, in.readAllBytes());
    }
    Path out = dir.resolve("out");
    uploader.download(m, out, key);
    assertArrayEquals(plain, Files.readAllBytes(out.resolve("model.onnx")));
  }

  @Test
  void aNodeDecryptsOneChunkOfStoredWeightsWithoutReadingTheRest() throws Exception {
    SecretBytes key = newKey();
    ScriptedStore counting = new ScriptedStore(local, n -> ScriptedStore.Fault.NONE);
    KernelUploader uploader = KernelUploader.using(counting);
    Manifest m = uploader.upload(UploadFixtures.bundle(UploadFixtures.privateConfig(), weights),
        UploadOptions.builder().dataKey(key).build()).manifest();
    counting.bytesOpened = 0;

    try (ChunkedDecryptor d = uploader.openDecryptor(m, "model.onnx", key)) {
      assertEquals(WEIGHTS, d.plaintextSize());
      byte[] middle = d.read(700_000, 100);
      assertArrayEquals(Arrays.copyOfRange(plain, 700_000, 700_100), middle);
    }
    // the header's block (0), the final chunk's (4) and the middle chunk's (2): each opened to its block's end
    assertTrue(counting.bytesOpened < 3 * 262_144, "read " + counting.bytesOpened + " of " + WEIGHTS + " bytes");
  }

  @Test
  void aWrongKeyFailsTheCommitmentBeforeAnyPlaintext() {
    KernelUploader uploader = KernelUploader.using(local);
    Manifest m = uploader.upload(UploadFixtures.bundle(UploadFixtures.privateConfig(), weights),
        UploadOptions.builder().dataKey(newKey()).build()).manifest();
    CryptoException e = assertThrows(CryptoException.class, () -> uploader.openDecryptor(m, "model.onnx", newKey()));
    assertEquals(CryptoException.Check.KEY_COMMITMENT, e.check());
  }

  @Test
  void everyProblemIsReportedBeforeAnyByteIsStored() throws Exception {
    KernelBundle bundle = UploadFixtures.bundle(UploadFixtures.privateConfig(), weights);
    Files.delete(weights); // the entrypoint vanished after the bundle was built
    UploadState other = UploadState.empty(ModelId.of("acme/other"), Semver.of("1.0.0"));
    ScriptedStore store = new ScriptedStore(local, n -> ScriptedStore.Fault.NONE);

    AivmValidationException e = assertThrows(AivmValidationException.class, () -> KernelUploader.using(store)
        .upload(bundle, UploadOptions.builder().resumeFrom(other).build()));
    List<String> paths = e.problems().stream().map(Problem::path).toList();
    assertTrue(paths.contains("options.dataKey"), paths.toString());
    assertTrue(paths.contains("options.resumeFrom"), paths.toString());
    assertTrue(paths.stream().anyMatch(p -> p.contains("model.onnx")), paths.toString());
    assertEquals(0, store.putCount(), "nothing was stored");
  }

  @Test
  void aKeyForAPublicKernelIsRefused() {
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> KernelUploader.using(local)
        .upload(UploadFixtures.bundle(UploadFixtures.publicConfig(), weights),
            UploadOptions.builder().dataKey(newKey()).build()));
    assertEquals("options.dataKey", e.problems().get(0).path());
    assertEquals("forbidden", e.problems().get(0).rule());
  }

  @Test
  void progressCoversEveryByteOnceInOrder() {
    List<UploadProgress> seen = new ArrayList<>();
    KernelBundle bundle = UploadFixtures.bundle(UploadFixtures.publicConfig(), weights);
    KernelUploader.using(local).upload(bundle, UploadOptions.builder()
        .listener(seen::add).progressInterval(262_144).build());

    assertEquals(UploadStage.VALIDATING, seen.get(0).stage());
    assertEquals(UploadStage.MANIFEST, seen.get(seen.size() - 2).stage());
    assertEquals(UploadStage.DONE, seen.get(seen.size() - 1).stage());
    long total = seen.get(0).bytesTotal();
    assertEquals(total, seen.get(seen.size() - 1).bytesDone());
    assertEquals(1.0, seen.get(seen.size() - 1).fraction());
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i).bytesDone() >= seen.get(i - 1).bytesDone(), "bytesDone never goes back: " + seen);
    }
    List<UploadProgress> weightsStoring = seen.stream()
        .filter(p -> p.stage() == UploadStage.STORING && "model.onnx".equals(p.path())).toList();
    assertTrue(weightsStoring.size() >= 5, "a report every 256 KiB of 1.3 MB: " + weightsStoring);
    assertEquals(List.of("README.md", "aivm.json", "model.onnx"), seen.stream()
        .filter(p -> p.stage() == UploadStage.STORED).map(UploadProgress::path).toList());
  }

  @Test
  void aStoreFailureLeavesAResumableStateAndTheResumeSendsOnlyWhatIsMissing() {
    KernelBundle bundle = UploadFixtures.bundle(UploadFixtures.publicConfig(), weights);
    ScriptedStore failing = new ScriptedStore(local, n -> n == 2 ? ScriptedStore.Fault.FAIL_MIDWAY : ScriptedStore.Fault.NONE);

    KernelUploadException e = assertThrows(KernelUploadException.class, () -> KernelUploader.using(failing).upload(bundle));
    assertEquals("model.onnx", e.path().orElseThrow());
    assertInstanceOf(AivmIoException.class, e.getCause());
    assertEquals(List.of("README.md", "aivm.json"), e.state().files().stream().map(f -> f.entry().path()).toList());
    assertFalse(local.has(ContentIds.v1Only().of(plain).cidV1()), "the cut file is not counted as stored");

    ScriptedStore healthy = new ScriptedStore(local, n -> ScriptedStore.Fault.NONE);
    PublishedKernel resumed = KernelUploader.using(healthy).upload(bundle, UploadOptions.builder().resumeFrom(e.state()).build());
    assertEquals(2, resumed.skippedFiles());
    assertEquals(1, resumed.storedFiles());
    assertEquals(2, healthy.putCount(), "the weights and the manifest");
    assertEquals(KernelUploader.using(local).upload(bundle).manifest(), resumed.manifest(),
        "a resumed upload publishes what an unbroken one does");
  }

  @Test
  void aResumedPrivateUploadReusesTheCiphertextAnEarlierAttemptStored() throws Exception {
    SecretBytes key = newKey();
    Path code = dir.resolve("src/infer.py");
    Files.writeString(code, "def infer(x):\n    return x\n");
    KernelBundle bundle = KernelBundle.builder()
        .config(UploadFixtures.privateConfig())
        .file("model.onnx", weights)
        .file("code/infer.py", code)
        .build();
    // files in order: aivm.json, code/infer.py, model.onnx: the third put fails
    ScriptedStore failing = new ScriptedStore(local, n -> n == 2 ? ScriptedStore.Fault.FAIL_MIDWAY : ScriptedStore.Fault.NONE);
    UploadOptions options = UploadOptions.builder().dataKey(key).build();
    KernelUploadException e = assertThrows(KernelUploadException.class, () -> KernelUploader.using(failing).upload(bundle, options));
    UploadState state = UploadState.fromJson(e.state().toJson()); // as if read back from a file by another process
    assertEquals(e.state(), state);
    ManifestEntry earlierCode = state.file("code/infer.py").orElseThrow().entry();
    assertTrue(earlierCode.encryption().isPresent(), "code is encrypted in a private kernel");

    PublishedKernel resumed = KernelUploader.using(local).upload(bundle, options.toBuilder().resumeFrom(state).build());
    assertEquals(earlierCode, resumed.manifest().file("code/infer.py").orElseThrow(), "the ciphertext was not made again");
    assertEquals(2, resumed.skippedFiles());
    try (InputStream in = KernelUploader.using(local).openDecrypted(resumed.manifest(), "model.onnx", key)) {
      assertArrayEquals(plain, in.readAllBytes());
    }
  }

  @Test
  void aResumeWithAnotherKeyEncryptsAgainInsteadOfReusingCiphertextItCannotOpen() throws Exception {
    Path code = dir.resolve("src/infer.py");
    Files.writeString(code, "def infer(x):\n    return x\n");
    KernelBundle bundle = KernelBundle.builder()
        .config(UploadFixtures.privateConfig())
        .entrypoint(weights)
        .file("code/infer.py", code)
        .build();
    ScriptedStore failing = new ScriptedStore(local, n -> n == 2 ? ScriptedStore.Fault.FAIL_MIDWAY : ScriptedStore.Fault.NONE);
    KernelUploadException e = assertThrows(KernelUploadException.class, () -> KernelUploader.using(failing)
        .upload(bundle, UploadOptions.builder().dataKey(newKey()).build()));
    ManifestEntry underOldKey = e.state().file("code/infer.py").orElseThrow().entry();

    SecretBytes other = newKey();
    PublishedKernel resumed = KernelUploader.using(local).upload(bundle,
        UploadOptions.builder().dataKey(other).resumeFrom(e.state()).build());
    assertFalse(underOldKey.cid().equals(resumed.manifest().file("code/infer.py").orElseThrow().cid()));
    assertEquals(1, resumed.skippedFiles(), "only aivm.json, which is not encrypted");
    try (InputStream in = KernelUploader.using(local).openDecrypted(resumed.manifest(), "code/infer.py", other)) {
      assertEquals("def infer(x):\n    return x\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void aChangedFileIsSentAgainOnResume() throws Exception {
    KernelBundle bundle = UploadFixtures.bundle(UploadFixtures.publicConfig(), weights);
    PublishedKernel first = KernelUploader.using(local).upload(bundle);
    byte[] changed = plain.clone();
    changed[WEIGHTS - 1] ^= 1;
    Files.write(weights, changed);

    UploadState state = UploadState.empty(ModelId.of(UploadFixtures.NAME), UploadFixtures.publicConfig().version());
    PublishedKernel second = KernelUploader.using(local).upload(bundle, UploadOptions.builder().resumeFrom(state).build());
    assertEquals(2, second.skippedFiles(), "config and README were already stored");
    assertEquals(ContentIds.v1Only().of(changed).cidV1(), second.manifest().file("model.onnx").orElseThrow().cid());
    assertFalse(first.manifestCid().equals(second.manifestCid()));
  }

  @Test
  void theJournalResumesAfterTheProcessDiesAndIsRemovedWhenDone() throws Exception {
    Path journal = dir.resolve("upload.journal.json");
    KernelBundle bundle = UploadFixtures.bundle(UploadFixtures.publicConfig(), weights);
    UploadOptions options = UploadOptions.builder().journal(journal).build();
    ScriptedStore failing = new ScriptedStore(local, n -> n == 2 ? ScriptedStore.Fault.FAIL_MIDWAY : ScriptedStore.Fault.NONE);
    assertThrows(KernelUploadException.class, () -> KernelUploader.using(failing).upload(bundle, options));
    UploadState onDisk = UploadState.fromJson(Files.readString(journal));
    assertEquals(2, onDisk.files().size());

    PublishedKernel resumed = KernelUploader.using(local).upload(bundle, options);
    assertEquals(2, resumed.skippedFiles());
    assertFalse(Files.exists(journal));
  }

  @Test
  void aCorruptJournalIsAValidationProblemNamingIt() throws Exception {
    Path journal = dir.resolve("upload.journal.json");
    Files.writeString(journal, "{\"format\":\"aivm-upload-state/1\",\"name\":\"acme/sentiment\"");
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> KernelUploader.using(local)
        .upload(UploadFixtures.bundle(UploadFixtures.publicConfig(), weights), UploadOptions.builder().journal(journal).build()));
    assertTrue(e.problems().get(0).path().startsWith("options.journal"), e.problems().toString());
    assertTrue(Files.exists(journal), "a journal that cannot be read is left for the user");
  }

  @Test
  void aStoreThatKeepsOtherBytesIsCaughtAndNothingIsPublished() {
    ScriptedStore corrupting = new ScriptedStore(local, n -> n == 2 ? ScriptedStore.Fault.CORRUPT : ScriptedStore.Fault.NONE);
    KernelUploadException e = assertThrows(KernelUploadException.class, () -> KernelUploader.using(corrupting)
        .upload(UploadFixtures.bundle(UploadFixtures.publicConfig(), weights)));
    ContentMismatchException cause = assertInstanceOf(ContentMismatchException.class, e.getCause());
    assertEquals(ContentIds.v1Only().of(plain).cidV1(), cause.expected());
    assertEquals("model.onnx", e.path().orElseThrow());
    assertEquals(3, corrupting.putCount(), "the manifest was never stored");
  }

  @Test
  void aStoreThatReportsAnotherCidIsCaught() {
    ScriptedStore lying = new ScriptedStore(local, n -> n == 0 ? ScriptedStore.Fault.LIE_ABOUT_CID : ScriptedStore.Fault.NONE);
    KernelUploadException e = assertThrows(KernelUploadException.class, () -> KernelUploader.using(lying)
        .upload(UploadFixtures.bundle(UploadFixtures.publicConfig(), weights)));
    assertInstanceOf(ContentMismatchException.class, e.getCause());
    assertTrue(e.state().files().isEmpty());
  }

  @Test
  void aFileThatChangesWhileItIsStoredFailsTheUpload() throws Exception {
    KernelBundle bundle = UploadFixtures.bundle(UploadFixtures.publicConfig(), weights);
    KernelUploadException e = assertThrows(KernelUploadException.class, () -> KernelUploader.using(local)
        .upload(bundle, UploadOptions.builder().listener(p -> {
          if (p.stage() == UploadStage.STORING && "model.onnx".equals(p.path()) && p.fileBytesDone() == 0) {
            try {
              Files.write(weights, Arrays.copyOf(plain, 1000));
            } catch (java.io.IOException x) {
              throw new java.io.UncheckedIOException(x);
            }
          }
        }).build()));
    assertTrue(e.getMessage().contains("changed while it was stored"), e.getMessage());
  }

  @Test
  void interruptingTheUploadingThreadCancelsIt() {
    KernelBundle bundle = UploadFixtures.bundle(UploadFixtures.publicConfig(), weights);
    try {
      UploadCancelledException e = assertThrows(UploadCancelledException.class, () -> KernelUploader.using(local)
          .upload(bundle, UploadOptions.builder().progressInterval(262_144).listener(p -> {
            if (p.stage() == UploadStage.STORING && p.fileBytesDone() > 0) {
              Thread.currentThread().interrupt();
            }
          }).build()));
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays visible to the caller");
      assertEquals("model.onnx", e.path().orElseThrow());
      assertFalse(local.has(ContentIds.v1Only().of(plain).cidV1()));
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void cancellingTheAsyncUploadStopsIt() throws Exception {
    CountDownLatch storing = new CountDownLatch(1);
    AtomicReference<Thread> worker = new AtomicReference<>();
    ScriptedStore store = new ScriptedStore(local, n -> ScriptedStore.Fault.NONE);
    KernelBundle bundle = UploadFixtures.bundle(UploadFixtures.publicConfig(), weights);
    try (AivmClient client = AivmClient.builder().gateway("http://127.0.0.1:9").store(store).build()) {
      CompletableFuture<PublishedKernel> future = client.async().kernels().upload(bundle,
          UploadOptions.builder().progressInterval(262_144).listener(p -> {
            if (p.stage() == UploadStage.STORING && p.fileBytesDone() > 0) {
              worker.set(Thread.currentThread());
              storing.countDown();
              try {
                Thread.sleep(30_000); // until cancelled
              } catch (InterruptedException x) {
                Thread.currentThread().interrupt(); // the cancellation arrives here
              }
            }
          }).build());
      assertTrue(storing.await(10, TimeUnit.SECONDS));
      assertTrue(future.cancel(true));
      assertTrue(future.isCancelled());
      worker.get().join(10_000);
      assertFalse(worker.get().isAlive(), "the upload thread stopped");
      assertEquals(2, store.puts.size(), "README.md and aivm.json; neither the weights nor a manifest");
    }
  }

  @Test
  void aManifestNotInItsCanonicalEncodingIsRefused() {
    KernelUploader uploader = KernelUploader.using(local);
    Manifest m = uploader.upload(UploadFixtures.bundle(UploadFixtures.publicConfig(), weights)).manifest();
    String pretty = m.toCanonicalJson().replace(",", ", ");
    Cid cid = local.put(new ByteArrayInputStream(pretty.getBytes(StandardCharsets.UTF_8))).cid();
    AivmValidationException e = assertThrows(AivmValidationException.class, () -> uploader.manifest(cid));
    assertEquals("canonical", e.problems().get(0).rule());

    Cid notJson = local.put(new ByteArrayInputStream(new byte[] {(byte) 0xff, 0})).cid();
    assertEquals("utf8", assertThrows(AivmValidationException.class, () -> uploader.manifest(notJson))
        .problems().get(0).rule());
  }

  @Test
  void encryptionParametersOtherThanTheSdksAreRefusedWithTheirPath() {
    SecretBytes key = newKey();
    KernelUploader uploader = KernelUploader.using(local);
    Manifest m = uploader.upload(UploadFixtures.bundle(UploadFixtures.privateConfig(), weights),
        UploadOptions.builder().dataKey(key).build()).manifest();
    ManifestEntry w = m.file("model.onnx").orElseThrow();
    Manifest moved = m.toBuilder().files(m.files().stream()
        .map(f -> f.path().equals("model.onnx") ? w.toBuilder().path("weights/model.onnx").build() : f)
        .collect(Collectors.toList())).build();
    AivmValidationException e = assertThrows(AivmValidationException.class,
        () -> uploader.openDecryptor(moved, "weights/model.onnx", key));
    assertEquals("files[weights/model.onnx].encryption.parameters.context", e.problems().get(0).path());
  }

  @Test
  void aListenerThatThrowsStopsTheUploadResumably() {
    IllegalStateException boom = new IllegalStateException("listener failed");
    KernelUploadException e = assertThrows(KernelUploadException.class, () -> KernelUploader.using(local)
        .upload(UploadFixtures.bundle(UploadFixtures.publicConfig(), weights), UploadOptions.builder().listener(p -> {
          if (p.stage() == UploadStage.STORED && "aivm.json".equals(p.path())) {
            throw boom;
          }
        }).build()));
    assertEquals(boom, e.getCause());
    assertEquals(2, e.state().files().size(), "README.md and aivm.json were stored whole");
  }

  @Test
  void aFileTheStoreLostIsNotFoundWithItsCid() {
    KernelUploader uploader = KernelUploader.using(local);
    Manifest m = uploader.upload(UploadFixtures.bundle(UploadFixtures.publicConfig(), weights)).manifest();
    Cid cid = m.file("model.onnx").orElseThrow().cid();
    assertTrue(local.delete(cid));
    ContentNotFoundException e = assertThrows(ContentNotFoundException.class, () -> uploader.open(m, "model.onnx"));
    assertEquals(cid, e.cid());
    assertThrows(ContentNotFoundException.class, () -> uploader.download(m, dir.resolve("out")));
    assertThrows(IllegalArgumentException.class, () -> uploader.open(m, "missing.bin"));
  }

  @Test
  void theOptionsNeverPrintTheKey() {
    SecretBytes key = newKey();
    String hex = ai.nesa.aivm.crypto.Hex.encode(key.export());
    String text = UploadOptions.builder().dataKey(key).build().toString();
    assertFalse(text.contains(hex), text);
    assertTrue(text.contains("dataKey=██"), text);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
