package ai.nesa.aivm.sdk.kernels;

import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.Cid;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous twin of {@link KernelUploader}: the same operations, each on a thread of its
 * own (they are long and mostly wait on I/O), completing a {@link CompletableFuture}.
 *
 * <p>Cancelling a returned future ({@code cancel(true)} or {@code cancel(false)}) interrupts the
 * operation: an upload stops at its next read, having stored nothing half-way that would count as
 * stored, and the future completes as cancelled. Failures complete the future exceptionally with
 * the exception the sync twin would throw.
 *
 * <pre>{@code
 * CompletableFuture<PublishedKernel> upload = client.async().kernels().upload(bundle, options);
 * // ... later, if the user presses Cancel:
 * upload.cancel(true);
 * }</pre>
 *
 * @since 0.1.0
 */
public interface KernelUploaderAsync {
  /** See {@link KernelUploader#upload(KernelBundle, UploadOptions)}. */
  CompletableFuture<PublishedKernel> upload(KernelBundle bundle, UploadOptions options);

  /** See {@link KernelUploader#register(PublishedKernel)}. */
  CompletableFuture<KernelRegistration> register(PublishedKernel kernel);

  /** See {@link KernelUploader#manifest(Cid)}. */
  CompletableFuture<Manifest> manifest(Cid manifestCid);

  /** See {@link KernelUploader#download(Manifest, Path)}. */
  CompletableFuture<Void> download(Manifest manifest, Path directory);

  /** See {@link KernelUploader#download(Manifest, Path, SecretBytes)}. */
  CompletableFuture<Void> download(Manifest manifest, Path directory, SecretBytes dataKey);

  /** The synchronous uploader this twin runs. */
  KernelUploader sync();
}
