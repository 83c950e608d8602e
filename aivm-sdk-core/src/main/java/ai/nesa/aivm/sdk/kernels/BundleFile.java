package ai.nesa.aivm.sdk.kernels;

import java.util.Objects;

/**
 * A file of a kernel bundle listed in {@code aivm.json}, with what it is for.
 *
 * @param path the relative, '/'-separated path inside the bundle
 * @param role what the file is for
 * @since 0.1.0
 */
public record BundleFile(String path, FileRole role) {
  public BundleFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(role, "role");
  }
}
