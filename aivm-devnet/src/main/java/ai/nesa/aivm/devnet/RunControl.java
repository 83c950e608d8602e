package ai.nesa.aivm.devnet;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The caller's hold on one {@link DevnetNode#run node run}: where its tokens go as they are made,
 * and a switch that cancels it.
 *
 * <p>A text generator hands each token's text to {@link #create(Consumer) the token listener} as
 * soon as its bytes form whole UTF-8 characters (bytes of a character split across tokens wait for
 * the rest), on the running thread. {@link #cancel()} makes the run stop before its next token or
 * model run, and ends a {@link NodeFaults#slow slow} node's wait at once; the run then throws
 * {@link java.util.concurrent.CancellationException}.
 *
 * <p>Thread-safe: cancel from any thread.
 *
 * @since 0.1.0
 */
public final class RunControl {
  private static final Consumer<String> IGNORE = token -> { };

  private final Consumer<String> onToken;
  private final CountDownLatch cancelled = new CountDownLatch(1);

  private RunControl(Consumer<String> onToken) {
    this.onToken = onToken;
  }

  /** A control that drops tokens. */
  public static RunControl create() {
    return new RunControl(IGNORE);
  }

  /** A control that hands each token's text to {@code onToken}. */
  public static RunControl create(Consumer<String> onToken) {
    return new RunControl(Objects.requireNonNull(onToken, "onToken"));
  }

  /** Cancels the run; harmless when it has ended or was cancelled already. */
  public void cancel() {
    cancelled.countDown();
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled.getCount() == 0;
  }

  void token(String text) {
    onToken.accept(text);
  }

  /** Waits {@code delay}, or less when cancelled meanwhile; true when cancelled. */
  boolean awaitCancel(Duration delay) {
    if (delay.isZero()) {
      return isCancelled();
    }
    try {
      return cancelled.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Override
  public String toString() {
    return "RunControl{" + (isCancelled() ? "cancelled" : "running") + "}";
  }
}
