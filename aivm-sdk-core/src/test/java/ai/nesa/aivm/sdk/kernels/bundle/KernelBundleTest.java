package ai.nesa.aivm.sdk.kernels.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.FileRole;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.ManifestEntry;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelBundleTest {
  static final AivmConfig CONFIG = Presets.onnxClassifier("acme/sentiment", "model.onnx");
  static final byte[] MODEL = {8, 7, 18, 4, 't', 'i', 'n', 'y'};
  static final byte[] README = "# Sentiment\n\nA tiny classifier.\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path dir;

  private void writeKernel() throws IOException {
    Files.writeString(dir.resolve("aivm.json"), CONFIG.toJson());
    Files.write(dir.resolve("model.onnx"), MODEL);
    Files.write(dir.resolve("README.md"), README);
  }

  private static List<String> problems(Runnable build) {
    AivmValidationException e = assertThrows(AivmValidationException.class, build::run);
    return e.problems().stream().map(p -> p.path() + " " + p.rule()).collect(Collectors.toList());
  }

  @Test
  void aBundleFromADirectoryListsEveryFileWithTheCidContentIdsGives() throws IOException {
    writeKernel();
    Files.createDirectories(dir.resolve("examples"));
    Files.writeString(dir.resolve("examples/in.json"), "{\"text\":\"great\"}");
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(dir.resolve(".DS_Store"), "x");

    KernelBundle bundle = KernelBundle.fromDirectory(dir);
    assertEquals(CONFIG, bundle.config());
    assertEquals(List.of("README.md", "aivm.json", "examples/in.json", "model.onnx"), bundle.paths());

    Manifest manifest = bundle.manifest();
    assertEquals("acme/sentiment", manifest.name().toString());
    assertEquals("0.1.0", manifest.version().text());
    assertEquals(bundle.paths(), manifest.files().stream().map(ManifestEntry::path).toList());
    for (ManifestEntry e : manifest.files()) {
      var cids = ContentIds.v1Only().of(dir.resolve(e.path()));
      assertEquals(cids.cidV1(), e.cid(), e.path());
      assertEquals(cids.size(), e.size(), e.path());
      assertTrue(e.encryption().isEmpty());
    }
    assertEquals(FileRole.WEIGHTS, manifest.file("model.onnx").orElseThrow().role());
    assertEquals("application/onnx", manifest.file("model.onnx").orElseThrow().mediaType());
    assertEquals(FileRole.DOCS, manifest.file("README.md").orElseThrow().role());
    assertEquals("text/markdown", manifest.file("README.md").orElseThrow().mediaType());
    assertEquals(FileRole.CONFIG, manifest.file("aivm.json").orElseThrow().role());
    assertEquals("application/json", manifest.file("aivm.json").orElseThrow().mediaType());
  }

  @Test
  void aBundleBuiltInCodeHasTheSameManifestAsTheSameDirectory() throws IOException {
    writeKernel();
    KernelBundle built = KernelBundle.builder()
        .config(CONFIG)
        .file("model.onnx", dir.resolve("model.onnx"))
        .file("README.md", README)
        .build();
    assertEquals(KernelBundle.fromDirectory(dir).manifest(), built.manifest());
    try (InputStream in = built.open("README.md")) {
      assertEquals(new String(README, StandardCharsets.UTF_8), new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(MODEL.length, built.size("model.onnx").orElseThrow());
  }

  @Test
  void rolesAreInferredWhenTheConfigListsNoFiles() {
    AivmConfig unlisted = CONFIG.toBuilder().files(List.of()).build();
    Manifest m = KernelBundle.builder().config(unlisted).file("model.onnx", MODEL).file("README.md", README)
        .file("tools/prep.py", new byte[] {'#'}).file("vocab.txt", new byte[] {'a'}).build().manifest();
    assertEquals(FileRole.WEIGHTS, m.file("model.onnx").orElseThrow().role());
    assertEquals(FileRole.DOCS, m.file("README.md").orElseThrow().role());
    assertEquals(FileRole.CODE, m.file("tools/prep.py").orElseThrow().role());
    assertEquals("text/x-python", m.file("tools/prep.py").orElseThrow().mediaType());
    assertEquals(FileRole.WEIGHTS, m.file("vocab.txt").orElseThrow().role());
    assertEquals("application/octet-stream", m.file("vocab.txt").orElseThrow().mediaType());
    assertEquals(FileRole.CONFIG, m.file("aivm.json").orElseThrow().role());
  }

  @Test
  void aDirectoryWithASymlinkAndNoEntrypointReportsBothAtOnce() throws IOException {
    Files.writeString(dir.resolve("aivm.json"), CONFIG.toJson());
    Files.write(dir.resolve("README.md"), README);
    Files.createSymbolicLink(dir.resolve("linked.md"), dir.resolve("README.md"));
    List<String> got = problems(() -> KernelBundle.fromDirectory(dir));
    assertTrue(got.contains("bundle:linked.md symlink"), got::toString);
    assertTrue(got.contains("$.runtime.entrypoint present"), got::toString);
  }

  @Test
  void aBuiltBundleWithAnEscapingPathAndNoEntrypointReportsBothAtOnce() {
    List<String> got = problems(() -> KernelBundle.builder()
        .config(CONFIG)
        .file("../outside.bin", new byte[1])
        .file("docs//x.md", new byte[1])
        .file("aivm.json", new byte[1])
        .build());
    assertTrue(got.containsAll(List.of("bundle:../outside.bin path", "bundle:docs//x.md path",
        "bundle:aivm.json config", "$.runtime.entrypoint present")), got::toString);
  }

  @Test
  void aDirectoryWithoutAivmJsonIsAProblem() throws IOException {
    Files.write(dir.resolve("model.onnx"), MODEL);
    assertEquals(List.of("bundle:aivm.json present"), problems(() -> KernelBundle.fromDirectory(dir)));
    assertEquals(List.of("$ required"), problems(() -> KernelBundle.builder().file("model.onnx", MODEL).build()));
  }

  @Test
  void aFileChangedBetweenManifestCallsChangesTheHash() throws IOException {
    writeKernel();
    KernelBundle bundle = KernelBundle.fromDirectory(dir);
    Manifest before = bundle.manifest();
    assertEquals(before, bundle.manifest());
    byte[] retrained = {8, 7, 18, 4, 't', 'i', 'n', 'y', '2'};
    Files.write(dir.resolve("model.onnx"), retrained);
    Manifest after = bundle.manifest();
    assertNotEquals(before.hash(), after.hash());
    assertEquals(ContentIds.v1Only().of(retrained).cidV1(), after.file("model.onnx").orElseThrow().cid());
    assertEquals(retrained.length, after.file("model.onnx").orElseThrow().size());
  }

  @Test
  void problemsAboutFilesCarryThePathAsValue() throws IOException {
    writeKernel();
    Files.createSymbolicLink(dir.resolve("weights.bin"), dir.resolve("model.onnx"));
    Problem p = assertThrows(AivmValidationException.class, () -> KernelBundle.fromDirectory(dir)).problems().get(0);
    assertEquals("weights.bin", p.value().orElseThrow());
    assertTrue(p.message().contains("symbolic link"), p.message());
  }
}
