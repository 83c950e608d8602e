package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * A client-side cap on how many calls start per period; a call over the cap waits for the next
 * period (never longer than its own timeout). Retries count as calls.
 *
 * @param permits calls allowed per period
 * @param period the period
 * @since 0.1.0
 */
public record RateLimit(int permits, Duration period) {

  public RateLimit {
    Objects.requireNonNull(period, "period");
    if (permits < 1) {
      throw AivmValidationException.of("rateLimit.permits", "range", permits, "permits must be at least 1");
    }
    if (period.isNegative() || period.isZero()) {
      throw AivmValidationException.of("rateLimit.period", "range", period, "period must be positive");
    }
  }

  public static RateLimit perSecond(int permits) {
    return new RateLimit(permits, Duration.ofSeconds(1));
  }
}
