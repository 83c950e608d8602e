package ai.nesa.aivm.sdk;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries. The client takes one so that tests can record the waits instead of
 * sleeping; production code keeps {@link #system()}.
 *
 * @since 0.1.0
 */
public interface Sleeper {

  /** Blocks the calling thread for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;

  /** Completes after {@code duration} without blocking a thread. */
  default CompletableFuture<Void> sleepAsync(Duration duration) {
    return CompletableFuture.runAsync(
        () -> { }, CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS));
  }

  /** Real waiting: {@link Thread#sleep} and a delayed executor. */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
  }
}
