package ai.nesa.aivm.sdk.kernels;

/**
 * Told how an upload progresses: at each stage change and, while a file streams, about every
 * {@link UploadOptions.Builder#progressInterval(long) progress interval} bytes.
 *
 * <p>Called on the uploading thread, so it should return quickly; an exception it throws stops
 * the upload (as a {@link KernelUploadException} that can be resumed).
 *
 * <pre>{@code
 * UploadListener bar = p -> System.out.printf("\r%-9s %5.1f%%", p.stage(), 100 * p.fraction());
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface UploadListener {
  /** Does nothing. */
  UploadListener NONE = progress -> {};

  /** Called with the upload's progress. */
  void onProgress(UploadProgress progress);
}
