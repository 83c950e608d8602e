package ai.nesa.aivm.sdk.kernels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** The kernel fixtures and the bundle they are checked against. */
final class KernelFixtures {
  /** A bundle holding every file the valid fixtures name, and one file over the size limit. */
  static final Map<String, Long> FILES = Map.of(
      "model.onnx", 268_000_000L,
      "code/infer.py", 4_096L,
      "code/aggregate.py", 2_048L,
      "README.md", 1_024L,
      "examples/in.json", 64L,
      "examples/out.json", 64L,
      "aivm.json", 2_000L,
      "huge.bin", SizeLimits.DEFAULT.maxFileBytes() + 1);

  static final BundleView BUNDLE = path -> Optional.ofNullable(FILES.get(path));

  private KernelFixtures() {}

  static String read(String name) {
    String resource = "fixtures/kernels/" + name;
    try (InputStream in = KernelFixtures.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = KernelFixtures.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
