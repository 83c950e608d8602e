package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * When and how long the client waits before trying a failed call again.
 *
 * <p>A call is retried after a connection failure, a timeout of one attempt, or an answer of
 * 408, 409, 429 or 5xx. The wait doubles from {@link Builder#initialBackoff} up to {@link
 * Builder#maxBackoff}, less a random part of up to {@link Builder#jitter} of it, unless the
 * gateway sent {@code Retry-After}: that wait is honoured exactly when it is no longer than
 * {@link Builder#maxRetryAfter}; a longer one ends the retries and the caller gets the error with
 * {@link AivmServiceException#retryAfter()}. Mutations carry one {@code Idempotency-Key} across
 * all their attempts, so a retry never acts twice.
 *
 * <pre>{@code
 * RetryPolicy.builder().maxRetries(5).initialBackoff(Duration.ofMillis(200)).build();
 * RetryPolicy.none();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RetryPolicy {
  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final double jitter;

  private RetryPolicy(Builder b) {
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.jitter = b.jitter;
  }

  /** Two retries, 0.5 s doubling to 8 s, 25 % jitter, {@code Retry-After} honoured up to 60 s. */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** No retries at all. */
  public static RetryPolicy none() {
    return builder().maxRetries(0).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .maxRetries(maxRetries)
        .initialBackoff(initialBackoff)
        .maxBackoff(maxBackoff)
        .maxRetryAfter(maxRetryAfter)
        .jitter(jitter);
  }

  public int maxRetries() {
    return maxRetries;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  public double jitter() {
    return jitter;
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + ", jitter=" + jitter + "}";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxRetries = 2;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private Duration maxRetryAfter = Duration.ofSeconds(60);
    private double jitter = 0.25;

    private Builder() {}

    /** Retries after the first attempt; 0 turns retrying off. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 100) {
        throw AivmValidationException.of("retry.maxRetries", "range", maxRetries,
            "maxRetries must be between 0 and 100, was " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive("retry.initialBackoff", initialBackoff);
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive("retry.maxBackoff", maxBackoff);
      return this;
    }

    /** The longest {@code Retry-After} the client waits out by itself. */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
      if (maxRetryAfter.isNegative()) {
        throw AivmValidationException.of("retry.maxRetryAfter", "range", maxRetryAfter,
            "maxRetryAfter must not be negative");
      }
      this.maxRetryAfter = maxRetryAfter;
      return this;
    }

    /** The largest fraction taken off a backoff at random, from 0 (none) to 1. */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw AivmValidationException.of("retry.jitter", "range", jitter,
            "jitter must be between 0 and 1, was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    public RetryPolicy build() {
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw AivmValidationException.of("retry.maxBackoff", "range", maxBackoff,
            "maxBackoff (" + maxBackoff + ") must not be shorter than initialBackoff (" + initialBackoff + ")");
      }
      return new RetryPolicy(this);
    }

    private static Duration positive(String path, Duration d) {
      Objects.requireNonNull(d, path);
      if (d.isNegative() || d.isZero()) {
        throw AivmValidationException.of(path, "range", d, path + " must be positive, was " + d);
      }
      return d;
    }
  }
}
