package ai.nesa.aivm.sdk.metrics;

import java.time.Instant;
import java.util.Objects;

/** One bucket of a series: its start and what happened in it. @since 0.1.0 */
public record UsagePoint(Instant start, UsageStats stats) {
  public UsagePoint {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(stats, "stats");
  }
}
