package ai.nesa.aivm.sdk.metrics;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.sdk.ModelId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link MetricsFeed#usage} and {@link MetricsFeed#summary} cover: one model or one
 * deployment, a time range, and for a series its bucket and grouping.
 *
 * <pre>{@code
 * UsageQuery.model(id).from(now.minus(Duration.ofHours(6))).bucket(Bucket.MINUTE).groupBy(GroupBy.NODE).build();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class UsageQuery {
  /** The size of a series' buckets. */
  public enum Bucket {
    MINUTE("1m"), HOUR("1h"), DAY("1d");

    private final String wireName;

    Bucket(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** The bucket named {@code wireName}, or null. */
    public static Bucket fromWire(String wireName) {
      for (Bucket b : values()) {
        if (b.wireName.equals(wireName)) {
          return b;
        }
      }
      return null;
    }
  }

  /** How a series is split: one series, one per node, or one per version. */
  public enum GroupBy {
    NONE("none"), NODE("node"), VERSION("version");

    private final String wireName;

    GroupBy(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  private final ModelId model;
  private final String deployment;
  private final Instant from;
  private final Instant to;
  private final Bucket bucket;
  private final GroupBy groupBy;

  private UsageQuery(Builder b) {
    this.model = b.model;
    this.deployment = b.deployment;
    this.from = b.from;
    this.to = b.to;
    this.bucket = b.bucket;
    this.groupBy = b.groupBy;
  }

  /** A query of one model's usage, every deployment of it. */
  public static Builder model(ModelId model) {
    Builder b = new Builder();
    b.model = Objects.requireNonNull(model, "model");
    return b;
  }

  /** A query of one deployment's usage. */
  public static Builder deployment(String deployment) {
    Builder b = new Builder();
    b.deployment = Objects.requireNonNull(deployment, "deployment");
    return b;
  }

  public Optional<ModelId> modelId() {
    return Optional.ofNullable(model);
  }

  public Optional<String> deploymentId() {
    return Optional.ofNullable(deployment);
  }

  /** The start; for a series required, for a summary the beginning of the record when empty. */
  public Optional<Instant> from() {
    return Optional.ofNullable(from);
  }

  /** The end, exclusive; now when empty. */
  public Optional<Instant> to() {
    return Optional.ofNullable(to);
  }

  /** A series' bucket: an hour unless set. */
  public Bucket bucket() {
    return bucket;
  }

  /** A series' grouping: none unless set. */
  public GroupBy groupBy() {
    return groupBy;
  }

  @Override
  public String toString() {
    return "UsageQuery{" + (model != null ? "model=" + model : "deployment=" + deployment) + ", from=" + from + ", to="
        + to + ", bucket=" + bucket.wireName() + ", groupBy=" + groupBy.wireName() + "}";
  }

  /** Builds a {@link UsageQuery}. */
  public static final class Builder {
    private ModelId model;
    private String deployment;
    private Instant from;
    private Instant to;
    private Bucket bucket = Bucket.HOUR;
    private GroupBy groupBy = GroupBy.NONE;

    private Builder() {}

    public Builder from(Instant from) {
      this.from = Objects.requireNonNull(from, "from");
      return this;
    }

    public Builder to(Instant to) {
      this.to = Objects.requireNonNull(to, "to");
      return this;
    }

    public Builder bucket(Bucket bucket) {
      this.bucket = Objects.requireNonNull(bucket, "bucket");
      return this;
    }

    public Builder groupBy(GroupBy groupBy) {
      this.groupBy = Objects.requireNonNull(groupBy, "groupBy");
      return this;
    }

    /**
     * The query.
     *
     * @throws AivmValidationException naming {@code from} when it is not before {@code to}
     */
    public UsageQuery build() {
      if (from != null && to != null && !from.isBefore(to)) {
        throw AivmValidationException.of("from", "range", from.toString(), "from " + from + " is not before to " + to);
      }
      return new UsageQuery(this);
    }
  }
}
