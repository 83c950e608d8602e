package ai.nesa.aivm.sdk.kernels.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.ChunkedEncryption;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.kernels.AivmConfigSchema;
import ai.nesa.aivm.sdk.kernels.KernelUploadException;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestKeys;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest, signed-manifest and upload-state JSON the SDK writes, held to manifest.schema.json. */
class KernelFormatsSchemaTest {
  private static final AivmConfigSchema MANIFEST = new AivmConfigSchema(Manifest.SCHEMA_RESOURCE, "");
  private static final AivmConfigSchema SIGNED = new AivmConfigSchema(Manifest.SCHEMA_RESOURCE, "/$defs/signedManifest");
  private static final AivmConfigSchema STATE = new AivmConfigSchema(Manifest.SCHEMA_RESOURCE, "/$defs/uploadState");
  private static final EthPrivateKey AUTHOR = EthPrivateKey.fromBytes(
      Hex.decode("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d")); // anvil's second dev key

  @TempDir Path dir;

  private PublishedKernel publishPrivate(KernelStore store) throws Exception {
    Path weights = UploadFixtures.weights(dir.resolve("src/model.onnx"), 300_000, 3);
    return KernelUploader.using(store).upload(UploadFixtures.bundle(UploadFixtures.privateConfig(), weights),
        UploadOptions.builder().dataKey(ChunkedEncryption.aes256Gcm().newKey()).build());
  }

  @Test
  void theSchemaIsAValidDraft202012Schema() throws Exception {
    String text = new String(getClass().getClassLoader().getResourceAsStream(Manifest.SCHEMA_RESOURCE).readAllBytes(),
        StandardCharsets.UTF_8);
    assertEquals(List.of(), MANIFEST.schemaAgainstMetaSchema(text));
  }

  @Test
  void whatTheSdkWritesConformsToTheSchema() throws Exception {
    try (KernelStore store = KernelStore.localDirectory(dir.resolve("store"))) {
      PublishedKernel published = publishPrivate(store);
      assertTrue(published.manifest().file("model.onnx").orElseThrow().encryption().isPresent());
      assertEquals(List.of(), MANIFEST.violations(published.manifest().toCanonicalJson()));
      assertEquals(List.of(), SIGNED.violations(published.manifest().sign(AUTHOR, 31337).toJson()));
    }
  }

  @Test
  void anInterruptedUploadsStateConformsToTheSchema() throws Exception {
    try (KernelStore local = KernelStore.localDirectory(dir.resolve("store"))) {
      ScriptedStore failing = new ScriptedStore(local, n -> n == 2 ? ScriptedStore.Fault.FAIL_MIDWAY : ScriptedStore.Fault.NONE);
      try {
        publishPrivate(failing);
      } catch (KernelUploadException e) {
        assertEquals(2, e.state().files().size());
        assertEquals(List.of(), STATE.violations(e.state().toJson()));
        return;
      }
      throw new AssertionError("the third put was to fail");
    }
  }

  @Test
  void theSchemaRefusesWhatTheReaderRefuses() throws Exception {
    try (KernelStore store = KernelStore.localDirectory(dir.resolve("store"))) {
      String good = publishPrivate(store).manifest().toCanonicalJson();
      for (String bad : List.of(
          good.replace("\"role\":\"weights\"", "\"role\":\"model\""),
          good.replace("\"path\":\"model.onnx\"", "\"path\":\"../model.onnx\""),
          good.replace("\"schemaVersion\":\"1\"", "\"schemaVersion\":\"2\""),
          good.replace("\"mediaType\":\"application/onnx\"", "\"mediaType\":\"application/onnx\",\"extra\":1"),
          good.replaceFirst("\"cid\":\"b", "\"cid\":\"Qm"))) {
        assertFalse(bad.equals(good), "the replacement applied");
        assertFalse(MANIFEST.violations(bad).isEmpty(), bad);
        try {
          Manifest.fromJson(bad);
          throw new AssertionError("the reader accepted " + bad);
        } catch (ai.nesa.aivm.AivmValidationException expected) {
          // both refuse
        }
      }
    }
  }

  @Test
  void aManifestWithKeysConformsReadsBackAsItselfAndBadKeysAreRefusedByBoth() throws Exception {
    ManifestKeys keys = new ManifestKeys(3, AUTHOR.address(), filled(ManifestKeys.SEALED_DATA_KEY_LENGTH, 0xa1),
        filled(ManifestKeys.SEALED_SEED_LENGTH, 0x5e));
    try (KernelStore store = KernelStore.localDirectory(dir.resolve("store"))) {
      Path weights = UploadFixtures.weights(dir.resolve("src/model.onnx"), 70_000, 5);
      PublishedKernel published = KernelUploader.using(store).upload(
          UploadFixtures.bundle(UploadFixtures.privateConfig(), weights),
          UploadOptions.builder().dataKey(ChunkedEncryption.aes256Gcm().newKey()).keys(keys).build());
      String good = published.manifest().toCanonicalJson();
      assertTrue(good.contains("\"keys\":{\"epoch\":3,\"owner\":\"" + AUTHOR.address().hex() + "\",\"sealedDataKey\":\"a1a1"),
          good);
      assertEquals(List.of(), MANIFEST.violations(good));
      assertEquals(published.manifest(), Manifest.fromJson(good));
      assertEquals(keys, Manifest.fromJson(good).keys().orElseThrow());
      assertEquals(published.manifest(), KernelUploader.using(store).manifest(published.manifestCid()),
          "what was stored is the manifest with its keys");
      for (String bad : List.of(
          good.replace("\"sealedDataKey\":\"a1", "\"sealedDataKey\":\"A1"),
          good.replace("\"sealedSeed\":\"5e", "\"sealedSeed\":\""),
          good.replace("\"epoch\":3", "\"epoch\":-3"),
          good.replace("\"owner\":\"0x", "\"owner\":\"0X"),
          good.replace("\"epoch\":3,", "\"epoch\":3,\"extra\":1,"),
          good.replace("\"epoch\":3,", ""))) {
        assertFalse(bad.equals(good), "the replacement applied");
        assertFalse(MANIFEST.violations(bad).isEmpty(), bad);
        ai.nesa.aivm.AivmValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
            ai.nesa.aivm.AivmValidationException.class, () -> Manifest.fromJson(bad));
        assertTrue(e.problems().get(0).path().startsWith("$.keys"), e.problems().toString());
      }
    }
  }

  private static byte[] filled(int length, int value) {
    byte[] b = new byte[length];
    java.util.Arrays.fill(b, (byte) value);
    return b;
  }
}
