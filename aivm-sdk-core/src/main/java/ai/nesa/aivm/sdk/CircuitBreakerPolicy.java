package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * When the client stops calling a failing gateway for a while, so that a gateway in trouble is
 * not hammered and callers fail fast with {@link CircuitOpenException}.
 *
 * <p>Over the last {@code windowSize} attempts (once at least {@code minimumCalls} were made), if
 * {@code failureRatePercent} or more failed to connect or got a 5xx answer, the circuit opens for
 * {@code openDuration}; then a few trial calls decide whether it closes again. One circuit per
 * client, that is per gateway.
 *
 * @param failureRatePercent failures in percent, 1 to 100, that open the circuit
 * @param minimumCalls attempts needed before the rate is judged
 * @param windowSize how many recent attempts are counted
 * @param openDuration how long an open circuit refuses calls
 * @since 0.1.0
 */
public record CircuitBreakerPolicy(
    int failureRatePercent, int minimumCalls, int windowSize, Duration openDuration) {

  public CircuitBreakerPolicy {
    Objects.requireNonNull(openDuration, "openDuration");
    if (failureRatePercent < 1 || failureRatePercent > 100) {
      throw AivmValidationException.of("circuitBreaker.failureRatePercent", "range", failureRatePercent,
          "failureRatePercent must be between 1 and 100");
    }
    if (minimumCalls < 1 || windowSize < 1) {
      throw AivmValidationException.of("circuitBreaker.minimumCalls", "range", minimumCalls,
          "minimumCalls and windowSize must be at least 1");
    }
    if (openDuration.isNegative() || openDuration.isZero()) {
      throw AivmValidationException.of("circuitBreaker.openDuration", "range", openDuration,
          "openDuration must be positive");
    }
  }

  /** 50 % of the last 20 attempts, judged after 10, opens the circuit for 30 seconds. */
  public static CircuitBreakerPolicy defaults() {
    return new CircuitBreakerPolicy(50, 10, 20, Duration.ofSeconds(30));
  }
}
