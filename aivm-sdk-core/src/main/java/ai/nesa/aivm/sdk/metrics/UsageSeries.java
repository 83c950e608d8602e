package ai.nesa.aivm.sdk.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Usage over time in buckets: one series, or one per node or version ({@link
 * UsageQuery.GroupBy}), each with one point per bucket, oldest first.
 *
 * @param from the first bucket's start (the query's {@code from} rounded down to the bucket)
 * @param to the end of the range
 * @since 0.1.0
 */
public record UsageSeries(UsageQuery.Bucket bucket, Instant from, Instant to, List<Series> series) {
  public UsageSeries {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    series = List.copyOf(series);
  }

  /**
   * One series.
   *
   * @param key the node's address or the version; empty without grouping
   */
  public record Series(Optional<String> key, List<UsagePoint> points) {
    public Series {
      Objects.requireNonNull(key, "key");
      points = List.copyOf(points);
    }
  }
}
