package ai.nesa.aivm.sdk.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it forward: the only time {@link LedgerConformance}
 * needs is one "now" and a way to move it on.
 *
 * <p>A ledger that reads a {@link Clock} takes it as it is. A ledger that keeps its own time (an
 * EVM chain's block timestamps) maps it: before each request, set the next block's timestamp to
 * {@link #instant()}. The suite starts it on a whole second and moves it by whole seconds, and it
 * never goes back.
 *
 * <p>Thread-safe.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;

  private MutableClock(Instant start) {
    this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
  }

  /** A clock that reads {@code start} until moved. */
  public static MutableClock startingAt(Instant start) {
    return new MutableClock(start);
  }

  /**
   * Moves the clock forward by {@code duration}.
   *
   * @throws IllegalArgumentException when {@code duration} is negative: the clock never goes back
   */
  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("the clock only moves forward: " + duration);
    }
    now.updateAndGet(t -> t.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock's time seen in another zone; it moves when this clock moves. */
  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    MutableClock self = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return self.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return self.withZone(other);
      }
    };
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + "]";
  }
}
