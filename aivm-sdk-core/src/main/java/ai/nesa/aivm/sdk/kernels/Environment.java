package ai.nesa.aivm.sdk.kernels;

import java.util.List;
import java.util.Optional;

/**
 * The system a kernel expects around its engine: the operating system and native libraries.
 *
 * @param os the operating system, such as {@code linux}; null when any will do
 * @param libraries the native libraries needed, in the order written
 * @since 0.1.0
 */
public record Environment(String os, List<Dependency> libraries) {
  public Environment {
    libraries = List.copyOf(libraries);
  }

  /** The operating system, when the kernel names one. */
  public Optional<String> operatingSystem() {
    return Optional.ofNullable(os);
  }
}
