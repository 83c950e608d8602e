package ai.nesa.aivm.sdk.kernels;

/**
 * An upload was cancelled (its thread interrupted, or its future cancelled): nothing was
 * published, and {@link #state()} holds what was stored whole.
 *
 * @since 0.1.0
 */
public final class UploadCancelledException extends KernelUploadException {
  private static final long serialVersionUID = 1L;

  /** A cancelled upload, stopped at {@code path} (null when not at a file). */
  public UploadCancelledException(String path, UploadState state) {
    super("the upload was cancelled" + (path == null ? "" : " while storing '" + path + "'"), path, state, null);
  }
}
