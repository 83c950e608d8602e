package ai.nesa.aivm.sdk.metrics;

import ai.nesa.aivm.sdk.ModelId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A model's or a deployment's totals over a time range. @since 0.1.0 */
public record UsageSummary(Optional<ModelId> model, Optional<String> deployment, Instant from, Instant to,
    UsageStats stats) {
  public UsageSummary {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(stats, "stats");
  }
}
