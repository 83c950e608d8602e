package ai.nesa.aivm.sdk.kernels.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.KernelStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelUploaderSmokeTest {
  @TempDir Path dir;

  @Test
  void publicBundleRoundTrips() throws Exception {
    Path w = UploadFixtures.weights(dir.resolve("src/model.onnx"), 700_000, 1);
    KernelBundle bundle = UploadFixtures.bundle(UploadFixtures.publicConfig(), w);
    try (KernelStore store = KernelStore.localDirectory(dir.resolve("store"))) {
      PublishedKernel p = KernelUploader.using(store).upload(bundle);
      assertEquals(ContentIds.v1Only().of(w).cidV1(), p.manifest().file("model.onnx").orElseThrow().cid());
      assertEquals(p.manifest(), KernelUploader.using(store).manifest(p.manifestCid()));
      try (InputStream in = KernelUploader.using(store).open(p.manifest(), "model.onnx")) {
        assertArrayEquals(Files.readAllBytes(w), in.readAllBytes());
      }
    }
  }
}
