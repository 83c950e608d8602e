package ai.nesa.aivm.sdk.kernels;

import java.util.Objects;

/**
 * A package or library a kernel needs, with the version its package manager understands.
 *
 * @param name the package name, such as {@code numpy}
 * @param version the version or range, such as {@code 1.26.4} or {@code >=1.26}
 * @since 0.1.0
 */
public record Dependency(String name, String version) {
  public Dependency {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }
}
