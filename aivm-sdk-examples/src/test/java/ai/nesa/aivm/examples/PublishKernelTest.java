package ai.nesa.aivm.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploadException;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.kernels.UploadStage;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PublishKernel uploads a model to a store, says where everything went, and resumes what it could not finish. */
class PublishKernelTest {
  private static final String NAME = "acme/sentiment-small";

  @TempDir
  Path dir;

  private Path weights;
  private byte[] weightBytes;
  private String storeArg;
  private Path store;
  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;

  @BeforeEach
  void weightsOfOneMebibyte() throws Exception {
    weightBytes = new byte[1 << 20];
    new Random(42).nextBytes(weightBytes);
    weights = Files.write(dir.resolve("weights.bin"), weightBytes);
    store = dir.resolve("kernel-store");
    storeArg = "store=" + store;
  }

  private int run(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return PublishKernel.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String printed(String regex) {
    Matcher m = Pattern.compile(regex).matcher(out());
    assertTrue(m.find(), "no match for " + regex + " in:\n" + out());
    return m.group(1);
  }

  private Manifest readBack(String manifestCid) {
    try (KernelStore kernels = KernelStore.localDirectory(store)) {
      return KernelUploader.using(kernels).manifest(Cid.of(manifestCid));
    }
  }

  @Test
  void aPublicKernelIsStoredAndItsCidsPrinted() {
    int code = run(weights.toString(), NAME, storeArg);

    assertEquals(0, code, out() + err());
    String manifestCid = printed("manifest CID +(\\S+)");
    Cid weightsCid = ContentIds.v1Only().of(weights).cidV1();
    assertTrue(out().lines().anyMatch(l -> l.startsWith("model.onnx") && l.contains("1,048,576") && l.contains(weightsCid.value())),
        out());
    Manifest manifest = readBack(manifestCid);
    assertEquals(weightsCid, manifest.file("model.onnx").orElseThrow().cid());
    assertTrue(manifest.file("model.onnx").orElseThrow().encryption().isEmpty());
    assertEquals(manifest.hash().hex(), printed("manifest hash +(0x[0-9a-f]{64})"));
    assertTrue(out().contains("VALIDATING") && out().contains("DONE"), out());
    assertFalse(Files.exists(PublishKernel.journalFile(store.toString(), ModelId.of(NAME), "0.1.0")),
        "the journal is deleted once the kernel is published");
  }

  @Test
  void aPrivateKernelsKeyIsWrittenForItsOwnerOnlyAndDecryptsTheWeights() throws Exception {
    int code = run(weights.toString(), NAME, storeArg, "private", "preset=embedding");

    assertEquals(0, code, out() + err());
    Path keyFile = Path.of(printed("data key: (\\S+)"));
    assertEquals(store.resolveSibling("kernel-store.acme+sentiment-small.key"), keyFile);
    assertTrue(err().contains("only copy"), err());
    assumeTrue(DataKeyFile.restrictable(keyFile), "POSIX permissions");
    assertEquals(DataKeyFile.OWNER_ONLY, Files.getPosixFilePermissions(keyFile));
    byte[] keyBytes = Files.readAllBytes(keyFile);
    assertEquals(32, keyBytes.length);
    String hex = HexFormat.of().formatHex(keyBytes);
    assertFalse(out().contains(hex) || err().contains(hex), "the key is never printed");

    Manifest manifest = readBack(printed("manifest CID +(\\S+)"));
    assertTrue(manifest.file("model.onnx").orElseThrow().encryption().isPresent());
    try (KernelStore kernels = KernelStore.localDirectory(store);
        InputStream plain = KernelUploader.using(kernels).openDecrypted(manifest, "model.onnx", SecretBytes.copyOf(keyBytes))) {
      assertArrayEquals(weightBytes, plain.readAllBytes());
    }
  }

  @Test
  void aLaterPrivateRunUsesTheSameKeyAndNeverOverwritesIt() throws Exception {
    assertEquals(0, run(weights.toString(), NAME, storeArg, "private"), err());
    Path keyFile = Path.of(printed("data key: (\\S+)"));
    byte[] first = Files.readAllBytes(keyFile);

    assertEquals(0, run(weights.toString(), NAME, storeArg, "private"), err());

    assertTrue(out().contains("made by an earlier run"), out());
    assertArrayEquals(first, Files.readAllBytes(keyFile));
  }

  @Test
  void aBadNameExitsWithTwoAndNamesTheProblem() {
    int code = run(weights.toString(), "no-slash", storeArg);

    assertEquals(2, code);
    assertTrue(err().contains("model [pattern]") && err().contains("'org/model'"), err());
    assertFalse(Files.exists(store), "nothing was stored");
  }

  @Test
  void aMissingWeightsFileExitsWithTwoAndNamesTheFile() {
    int code = run(dir.resolve("absent.onnx").toString(), NAME, storeArg);

    assertEquals(2, code);
    assertTrue(err().contains("bundle:model.onnx [regular]"), err());
  }

  @Test
  void anUnknownArgumentExitsWithTwo() {
    assertEquals(2, run(weights.toString(), NAME, "shard=3"));
    assertTrue(err().contains("unknown argument 'shard=3'"), err());
  }

  @Test
  void aStoreThatCannotBeReachedExitsWithOneAndSaysToRetry() {
    int code = run(weights.toString(), NAME, "store=http://127.0.0.1:1");

    assertEquals(1, code, out() + err());
    assertTrue(err().contains("Upload failed: storing 'aivm.json' failed"), err());
    assertTrue(err().contains("run the same command again"), err());
  }

  @Test
  void aSecondRunOverTheSameStoreCompletesWithTheSameManifest() {
    assertEquals(0, run(weights.toString(), NAME, storeArg), err());
    String first = printed("manifest CID +(\\S+)");

    assertEquals(0, run(weights.toString(), NAME, storeArg), err());

    assertEquals(first, printed("manifest CID +(\\S+)"));
  }

  @Test
  void aRunAfterAFailedUploadResumesAndSkipsWhatWasStored() {
    // An earlier attempt stored aivm.json, then failed on the weights, leaving the journal behind.
    Path journal = PublishKernel.journalFile(store.toString(), ModelId.of(NAME), "0.1.0");
    KernelBundle bundle = KernelBundle.builder()
        .config(Presets.onnxClassifier(NAME, PublishKernel.WEIGHTS_PATH))
        .file(PublishKernel.WEIGHTS_PATH, weights)
        .build();
    try (KernelStore kernels = KernelStore.localDirectory(store)) {
      UploadOptions failing = UploadOptions.builder().journal(journal).listener(p -> {
        if (p.stage() == UploadStage.STORING && "model.onnx".equals(p.path())) {
          throw new IllegalStateException("the network went away");
        }
      }).build();
      assertThrows(KernelUploadException.class, () -> KernelUploader.using(kernels).upload(bundle, failing));
    }
    assertTrue(Files.exists(journal));

    int code = run(weights.toString(), NAME, storeArg);

    assertEquals(0, code, out() + err());
    assertTrue(out().contains("resuming the upload recorded in " + journal), out());
    assertTrue(out().contains("1 file stored, 1 skipped"), out());
    assertTrue(out().contains("resumed: skipped 1 file"), out());
    assertFalse(Files.exists(journal));
  }
}
