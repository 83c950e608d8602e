package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import ai.nesa.aivm.sdk.Semver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which reviews of a model to list, and the page.
 *
 * @since 0.1.0
 */
public final class ReviewListParams {
  private final Semver version;
  private final Integer limit;
  private final String cursor;

  private ReviewListParams(Builder b) {
    this.version = b.version;
    this.limit = b.limit;
    this.cursor = b.cursor;
  }

  /** Every review, newest first, in pages of the gateway's default size. */
  public static ReviewListParams none() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.version = version;
    b.limit = limit;
    b.cursor = cursor;
    return b;
  }

  /** Only reviews of this version. */
  public Optional<Semver> version() {
    return Optional.ofNullable(version);
  }

  public Optional<Integer> limit() {
    return Optional.ofNullable(limit);
  }

  public Optional<String> cursor() {
    return Optional.ofNullable(cursor);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReviewListParams p
        && Objects.equals(version, p.version) && Objects.equals(limit, p.limit) && Objects.equals(cursor, p.cursor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(version, limit, cursor);
  }

  @Override
  public String toString() {
    return "ReviewListParams{version=" + version + ", limit=" + limit + ", cursor=" + cursor + "}";
  }

  /** Builds {@link ReviewListParams}. */
  public static final class Builder {
    private Semver version;
    private Integer limit;
    private String cursor;

    private Builder() {}

    public Builder version(Semver version) {
      this.version = Objects.requireNonNull(version, "version");
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
    public ReviewListParams build() {
      List<Problem> problems = new ArrayList<>();
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
      return new ReviewListParams(this);
    }
  }
}
