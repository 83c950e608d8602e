package ai.nesa.aivm.sdk.metrics;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The usage and performance of some requests: counts, error rate, latency percentiles in
 * milliseconds (empty when there was no request), units in and out, and cost.
 *
 * @since 0.1.0
 */
public record UsageStats(long requests, long errors, double errorRate, OptionalDouble p50, OptionalDouble p95,
    OptionalDouble p99, long unitsIn, long unitsOut, BigDecimal cost) {
  public UsageStats {
    Objects.requireNonNull(p50, "p50");
    Objects.requireNonNull(p95, "p95");
    Objects.requireNonNull(p99, "p99");
    Objects.requireNonNull(cost, "cost");
  }
}
