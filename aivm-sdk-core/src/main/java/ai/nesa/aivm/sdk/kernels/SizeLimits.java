package ai.nesa.aivm.sdk.kernels;

/**
 * The largest files a kernel bundle may hold, checked when the validator has a {@link BundleView}.
 *
 * @param maxFileBytes the largest single file (weights included)
 * @param maxBundleBytes the largest total of every file the config lists or references
 * @param maxCodeBytes the largest entrypoint (runtime or aggregation), which nodes load eagerly
 * @since 0.1.0
 */
public record SizeLimits(long maxFileBytes, long maxBundleBytes, long maxCodeBytes) {
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  /**
   * The defaults: 64 GiB per file, 256 GiB per bundle, 256 MiB per code entrypoint (an ONNX
   * entrypoint is the graph itself, so it is held to the file limit instead).
   */
  public static final SizeLimits DEFAULT = new SizeLimits(64 * GIB, 256 * GIB, 256 * MIB);

  public SizeLimits {
    if (maxFileBytes < 0 || maxBundleBytes < 0 || maxCodeBytes < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }
}
