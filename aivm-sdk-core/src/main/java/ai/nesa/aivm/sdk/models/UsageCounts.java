package ai.nesa.aivm.sdk.models;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * How much a model is used.
 *
 * <p>Immutable. Responses gain fields over time: build instances with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class UsageCounts {
  private final long inferences;
  private final long deployments;
  private final Long callers;

  private UsageCounts(Builder b) {
    this.inferences = b.inferences;
    this.deployments = b.deployments;
    this.callers = b.callers;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.inferences = inferences;
    b.deployments = deployments;
    b.callers = callers;
    return b;
  }

  /** Inferences served. */
  public long inferences() {
    return inferences;
  }

  /** Deployments made. */
  public long deployments() {
    return deployments;
  }

  /** Distinct callers that ran the model, when the gateway counts them. */
  public OptionalLong callers() {
    return callers == null ? OptionalLong.empty() : OptionalLong.of(callers);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof UsageCounts o)) {
      return false;
    }
    return inferences == o.inferences
        && deployments == o.deployments
        && Objects.equals(callers, o.callers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(inferences, deployments, callers);
  }

  @Override
  public String toString() {
    return "UsageCounts{inferences=" + inferences + ", deployments=" + deployments + ", callers=" + callers + "}";
  }

  /** Builds a {@link UsageCounts}. */
  public static final class Builder {
    private long inferences = 0;
    private long deployments = 0;
    private Long callers;

    private Builder() {}

    public Builder inferences(long inferences) {
      this.inferences = inferences;
      return this;
    }

    public Builder deployments(long deployments) {
      this.deployments = deployments;
      return this;
    }

    public Builder callers(long callers) {
      this.callers = callers;
      return this;
    }

    /**
     * @throws NullPointerException naming the first required field not set
     */
    public UsageCounts build() {
      return new UsageCounts(this);
    }
  }
}
