package ai.nesa.aivm.sdk.metrics;

import ai.nesa.aivm.AivmValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a live feed runs: where it starts, and how it reconnects.
 *
 * <ul>
 *   <li>{@link Builder#resumeAfter(String)}: start after an event id received earlier (a feed of an
 *       earlier run, say), as a reconnect would; by default the feed starts with the next event.
 *   <li>{@link Builder#reconnectBackoff(Duration, Duration)}: the wait before the first reconnect
 *       (100 ms by default), doubled with each failed attempt up to the most (5 s by default),
 *       with ±20 % jitter; back to the first after a connection that delivered an event.
 *   <li>{@link Builder#maxReconnects(int)}: how many reconnects in a row may fail before the feed
 *       ends with the last error; unlimited by default (-1).
 *   <li>{@link Builder#connectionListener(FeedConnectionListener)}: told of each connection made and
 *       lost. A feed that starts from now starts when its first connection is made: a caller that
 *       must not miss what it does next waits for {@code connected} first.
 * </ul>
 *
 * @since 0.1.0
 */
public final class FeedOptions {
  private static final FeedOptions DEFAULTS = builder().build();

  private final String resumeAfter;
  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private final int maxReconnects;
  private final FeedConnectionListener listener;

  private FeedOptions(Builder b) {
    this.listener = b.listener;
    this.resumeAfter = b.resumeAfter;
    this.firstBackoff = b.firstBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxReconnects = b.maxReconnects;
  }

  public static FeedOptions defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<String> resumeAfter() {
    return Optional.ofNullable(resumeAfter);
  }

  public Duration firstBackoff() {
    return firstBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** How many failed reconnects in a row end the feed; -1 for no limit. */
  public int maxReconnects() {
    return maxReconnects;
  }

  /** Who is told of connections made and lost; by default no one. */
  public FeedConnectionListener connectionListener() {
    return listener;
  }

  @Override
  public String toString() {
    return "FeedOptions{resumeAfter=" + resumeAfter + ", backoff=" + firstBackoff + ".." + maxBackoff
        + ", maxReconnects=" + maxReconnects + "}";
  }

  /** Builds {@link FeedOptions}. */
  public static final class Builder {
    private String resumeAfter;
    private Duration firstBackoff = Duration.ofMillis(100);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private int maxReconnects = -1;
    private FeedConnectionListener listener = new FeedConnectionListener() {};

    private Builder() {}

    /** Who is told of each connection made and lost. */
    public Builder connectionListener(FeedConnectionListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Start after the event with this id. */
    public Builder resumeAfter(String eventId) {
      Objects.requireNonNull(eventId, "eventId");
      if (eventId.isBlank() || eventId.length() > 256) {
        throw AivmValidationException.of("resumeAfter", "length", eventId, "an event id is 1 to 256 characters");
      }
      this.resumeAfter = eventId;
      return this;
    }

    /**
     * The first wait before reconnecting and the most it grows to.
     *
     * @throws AivmValidationException unless 0 ≤ first ≤ max
     */
    public Builder reconnectBackoff(Duration first, Duration max) {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(max, "max");
      if (first.isNegative() || max.compareTo(first) < 0) {
        throw AivmValidationException.of("reconnectBackoff", "range", first + ".." + max,
            "the backoff is 0 or more and its most is at least its first");
      }
      this.firstBackoff = first;
      this.maxBackoff = max;
      return this;
    }

    /**
     * How many failed reconnects in a row end the feed; -1 for no limit.
     *
     * @throws AivmValidationException when below -1
     */
    public Builder maxReconnects(int max) {
      if (max < -1) {
        throw AivmValidationException.of("maxReconnects", "minimum", max, "-1 (no limit) or more");
      }
      this.maxReconnects = max;
      return this;
    }

    public FeedOptions build() {
      return new FeedOptions(this);
    }
  }
}
