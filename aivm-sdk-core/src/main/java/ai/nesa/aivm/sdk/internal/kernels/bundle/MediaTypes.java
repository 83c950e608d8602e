package ai.nesa.aivm.sdk.internal.kernels.bundle;

import java.util.Locale;
import java.util.Map;

/** The media type a manifest records for a file, from its extension. */
public final class MediaTypes {
  /** The type of any extension the table does not know. */
  public static final String DEFAULT = "application/octet-stream";

  private static final Map<String, String> BY_EXTENSION = Map.of(
      "onnx", "application/onnx",
      "json", "application/json",
      "py", "text/x-python",
      "md", "text/markdown",
      "wasm", "application/wasm");

  private MediaTypes() {}

  /** The media type of {@code path}: by its extension (any case), else {@link #DEFAULT}. */
  public static String of(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return DEFAULT;
    }
    return BY_EXTENSION.getOrDefault(name.substring(dot + 1).toLowerCase(Locale.ROOT), DEFAULT);
  }
}
