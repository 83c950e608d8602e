package ai.nesa.aivm.sdk.kernels.upload;

import ai.nesa.aivm.sdk.kernels.AivmConfig;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.Presets;
import ai.nesa.aivm.sdk.kernels.Security;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Bundles for the upload tests: a preset, weights of a chosen size, a README and inference code. */
final class UploadFixtures {
  static final String NAME = "acme/sentiment";

  private UploadFixtures() {}

  /** Deterministic pseudo-random bytes. */
  static byte[] bytes(int size, long seed) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** Writes {@code size} pseudo-random bytes to {@code file}. */
  static Path weights(Path file, int size, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes(size, seed));
    return file;
  }

  static AivmConfig publicConfig() {
    return Presets.onnxClassifier(NAME, "model.onnx");
  }

  static AivmConfig privateConfig() {
    return publicConfig().toBuilder().security(Security.privateAccess()).build();
  }

  /** A bundle of {@code config}, the weights file on disk and a README. */
  static KernelBundle bundle(AivmConfig config, Path weights) {
    return KernelBundle.builder()
        .config(config)
        .file("model.onnx", weights)
        .file("README.md", "# Sentiment\n\nA tiny classifier.\n".getBytes(StandardCharsets.UTF_8))
        .build();
  }
}
