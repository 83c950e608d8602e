package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.models.ModelListParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which deployments to list: of one model, in one status, a page size and a cursor.
 *
 * @since 0.1.0
 */
public final class DeploymentListParams {
  private static final DeploymentListParams NONE = new Builder().build();

  private final ModelId model;
  private final DeploymentStatus status;
  private final Integer limit;
  private final String cursor;

  private DeploymentListParams(Builder b) {
    this.model = b.model;
    this.status = b.status;
    this.limit = b.limit;
    this.cursor = b.cursor;
  }

  /** Every deployment, the gateway's page size. */
  public static DeploymentListParams none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<ModelId> model() {
    return Optional.ofNullable(model);
  }

  public Optional<DeploymentStatus> status() {
    return Optional.ofNullable(status);
  }

  public Optional<Integer> limit() {
    return Optional.ofNullable(limit);
  }

  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DeploymentListParams p && Objects.equals(model, p.model) && status == p.status
        && Objects.equals(limit, p.limit) && Objects.equals(cursor, p.cursor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(model, status, limit, cursor);
  }

  @Override
  public String toString() {
    return "DeploymentListParams{model=" + model + ", status=" + status + ", limit=" + limit + "}";
  }

  /**
   * Builds {@link DeploymentListParams}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private ModelId model;
    private DeploymentStatus status;
    private Integer limit;
    private String cursor;

    private Builder() {}

    public Builder model(ModelId model) {
      this.model = Objects.requireNonNull(model, "model");
      return this;
    }

    public Builder status(DeploymentStatus status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
    }

    /** The page size, 1 to {@value ModelListParams#MAX_LIMIT}. */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder cursor(String cursor) {
      this.cursor = Objects.requireNonNull(cursor, "cursor");
      return this;
    }

    /** @throws AivmValidationException naming each parameter out of range */
    public DeploymentListParams build() {
      List<Problem> problems = new ArrayList<>();
      if (status == DeploymentStatus.UNKNOWN) {
        problems.add(Problem.of("status", "enum", "unknown", "list by a status the gateway knows"));
      }
      if (limit != null && (limit < 1 || limit > ModelListParams.MAX_LIMIT)) {
        problems.add(Problem.of("limit", "range", limit,
            "limit must be between 1 and " + ModelListParams.MAX_LIMIT + ", was " + limit));
      }
      if (cursor != null && (cursor.isEmpty() || cursor.length() > 512)) {
        problems.add(Problem.of("cursor", "length", "cursor must be 1-512 characters; pass a page's nextCursor"));
      }
      if (!problems.isEmpty()) {
        throw new AivmValidationException(problems);
      }
      return new DeploymentListParams(this);
    }
  }
}
