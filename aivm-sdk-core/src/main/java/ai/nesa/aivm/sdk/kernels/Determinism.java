package ai.nesa.aivm.sdk.kernels;

/**
 * Whether a kernel's results are reproducible, which decides how nodes' results can be compared.
 *
 * @param allowNondeterministicOps whether the kernel may use non-deterministic instructions; when
 *     false, every node must produce bit-identical outputs
 * @param seed the random seed the kernel uses; null when it uses none
 * @since 0.1.0
 */
public record Determinism(boolean allowNondeterministicOps, Long seed) {
  /** Deterministic, with no seed. */
  public static Determinism strict() {
    return new Determinism(false, null);
  }
}
