package ai.nesa.aivm.sdk.internal.kernels.upload;

import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.sdk.Cid;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Runs each {@link KernelUploader} call on a daemon thread of its own; cancelling interrupts it. */
public final class DefaultKernelUploaderAsync implements KernelUploaderAsync {
  private static final AtomicLong THREADS = new AtomicLong();

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
    Task<T> future = new Task<>();
    Thread thread = new Thread(() -> {
      try {
        future.complete(task.get());
      } catch (Throwable t) {
        future.completeExceptionally(t);
      }
    }, "aivm-kernels-" + what + "-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    future.thread = thread;
    thread.start();
    return future;
  }

  /** A future whose cancellation interrupts the thread running it. */
  private static final class Task<T> extends CompletableFuture<T> {
    volatile Thread thread;

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      Thread t = thread;
      if (cancelled && t != null) {
        t.interrupt();
      }
      return cancelled;
    }
  }
}
