package ai.nesa.aivm.benchmarks;

import java.time.Instant;
import java.util.List;

/**
 * The catalog's JSON as plain records with the same fields as the SDK's types: what an application
 * calling the gateway without the SDK would decode into with Moshi.
 *
 * <p>Timestamps are {@link Instant}s and numbers are numbers, as in the SDK, so the baseline does
 * the same parsing; it does not check patterns (ids, addresses, versions), which is work only the
 * SDK does.
 */
public final class RawModels {
  private RawModels() {}

  /** A {@code ModelPage}. */
  public record Page(List<Summary> data, String nextCursor) {}

  /** A {@code ModelSummary}; optional fields are {@code null} when absent. */
  public record Summary(
      String id,
      String displayName,
      String description,
      String owner,
      List<Author> authors,
      String task,
      String architecture,
      String runtime,
      Long parameterCount,
      List<String> tags,
      String license,
      String access,
      String latestVersion,
      Rating rating,
      Usage usage,
      Instant createdAt,
      Instant updatedAt) {}

  /** An {@code Author}. */
  public record Author(String name, String address, String url) {}

  /** A {@code RatingSummary}. */
  public record Rating(double average, long count, List<Long> distribution) {}

  /** A {@code UsageCounts}. */
  public record Usage(long inferences, long deployments, Long callers) {}
}
