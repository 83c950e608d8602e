package ai.nesa.aivm.sdk.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a blocking call of a sync service on a daemon thread of its own, for the async twins whose
 * calls are long and few (uploads, ledger writes): cancelling the future interrupts the thread.
 */
public final class BackgroundCalls {
  private static final AtomicLong THREADS = new AtomicLong();

  private BackgroundCalls() {}

  /** {@code task} on a new daemon thread named {@code aivm-<name>-<n>}. */
  public static <T> CompletableFuture<T> run(String name, Supplier<T> task) {
    Task<T> future = new Task<>();
    Thread thread = new Thread(() -> {
      try {
        future.complete(task.get());
      } catch (Throwable t) {
        future.completeExceptionally(t);
      }
    }, "aivm-" + name + "-" + THREADS.incrementAndGet());
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
