package ai.nesa.aivm.sdk.models;

import java.util.List;
import java.util.Objects;

/**
 * How reviewers rated a model: the mean, the count and the spread over 1 to 5 stars.
 *
 * <p>Immutable. Responses gain fields over time: build instances with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class RatingSummary {
  private final double average;
  private final long count;
  private final List<Long> distribution;

  private RatingSummary(Builder b) {
    this.average = b.average;
    this.count = b.count;
    this.distribution = List.copyOf(b.distribution);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.average = average;
    b.count = count;
    b.distribution = distribution;
    return b;
  }

  /** The mean rating from 1 to 5; 0 when there is no review. */
  public double average() {
    return average;
  }

  /** How many reviews there are. */
  public long count() {
    return count;
  }

  /** How many reviews gave 1, 2, 3, 4 and 5 stars, in that order; empty when the gateway did not say. */
  public List<Long> distribution() {
    return distribution;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof RatingSummary o)) {
      return false;
    }
    return Double.compare(average, o.average) == 0
        && count == o.count
        && Objects.equals(distribution, o.distribution);
  }

  @Override
  public int hashCode() {
    return Objects.hash(average, count, distribution);
  }

  @Override
  public String toString() {
    return "RatingSummary{average=" + average + ", count=" + count + ", distribution=" + distribution + "}";
  }

  /** Builds a {@link RatingSummary}. */
  public static final class Builder {
    private double average = 0;
    private long count = 0;
    private List<Long> distribution = List.of();

    private Builder() {}

    public Builder average(double average) {
      this.average = average;
      return this;
    }

    public Builder count(long count) {
      this.count = count;
      return this;
    }

    public Builder distribution(List<Long> distribution) {
      this.distribution = Objects.requireNonNull(distribution, "distribution");
      return this;
    }

    /**
     * @throws NullPointerException naming the first required field not set
     */
    public RatingSummary build() {
      return new RatingSummary(this);
    }
  }
}
