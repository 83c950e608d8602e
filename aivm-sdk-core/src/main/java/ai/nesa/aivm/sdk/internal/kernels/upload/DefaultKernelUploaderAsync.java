package ai.nesa.aivm.sdk.internal.kernels.upload;

import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.BackgroundCalls;
import ai.nesa.aivm.sdk.kernels.KernelBundle;
import ai.nesa.aivm.sdk.kernels.KernelRegistration;
import ai.nesa.aivm.sdk.kernels.KernelUploader;
import ai.nesa.aivm.sdk.kernels.KernelUploaderAsync;
import ai.nesa.aivm.sdk.kernels.Manifest;
import ai.nesa.aivm.sdk.kernels.PublishedKernel;
import ai.nesa.aivm.sdk.kernels.UploadOptions;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Runs each {@link KernelUploader} call on a daemon thread of its own; cancelling interrupts it. */
public final class DefaultKernelUploaderAsync implements KernelUploaderAsync {
  private final KernelUploader sync;

  /** The twin of {@code sync}. */
  public DefaultKernelUploaderAsync(KernelUploader sync) {
    this.sync = Objects.requireNonNull(sync, "sync");
  }

  @Override
  public CompletableFuture<PublishedKernel> upload(KernelBundle bundle, UploadOptions options) {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(options, "options");
    return run("upload", () -> sync.upload(bundle, options));
  }

  @Override
  public CompletableFuture<KernelRegistration> register(PublishedKernel kernel) {
    Objects.requireNonNull(kernel, "kernel");
    return run("register", () -> sync.register(kernel));
  }

  @Override
  public CompletableFuture<Manifest> manifest(Cid manifestCid) {
    Objects.requireNonNull(manifestCid, "manifestCid");
    return run("manifest", () -> sync.manifest(manifestCid));
  }

  @Override
  public CompletableFuture<Void> download(Manifest manifest, Path directory) {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(directory, "directory");
    return run("download", () -> {
      sync.download(manifest, directory);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> download(Manifest manifest, Path directory, SecretBytes dataKey) {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(dataKey, "dataKey");
    return run("download", () -> {
      sync.download(manifest, directory, dataKey);
      return null;
    });
  }

  @Override
  public KernelUploader sync() {
    return sync;
  }

  @Override
  public String toString() {
    return "KernelUploaderAsync{" + sync + "}";
  }

  private static <T> CompletableFuture<T> run(String what, Supplier<T> task) {
    return BackgroundCalls.run("kernels-" + what, task);
  }
}
