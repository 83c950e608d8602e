package ai.nesa.aivm.sdk.models;

import java.util.List;
import java.util.Objects;

/**
 * Everything the catalog knows about one model: its {@linkplain #summary() summary} as a list shows it, plus its whole version history and its latest benchmarks.
 *
 * <p>Immutable. Responses gain fields over time: build instances with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class ModelDetails {
  private final ModelSummary summary;
  private final List<ModelVersion> versions;
  private final List<Benchmark> benchmarks;

  private ModelDetails(Builder b) {
    this.summary = Objects.requireNonNull(b.summary, "summary");
    this.versions = List.copyOf(b.versions);
    this.benchmarks = List.copyOf(b.benchmarks);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.summary = summary;
    b.versions = versions;
    b.benchmarks = benchmarks;
    return b;
  }

  /** The model as a catalog search lists it: name, owner, authors, description, task, tags, license, access, rating and usage. */
  public ModelSummary summary() {
    return summary;
  }

  /** Every version, newest first. */
  public List<ModelVersion> versions() {
    return versions;
  }

  /** The benchmarks of the latest version. */
  public List<Benchmark> benchmarks() {
    return benchmarks;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ModelDetails o)) {
      return false;
    }
    return Objects.equals(summary, o.summary)
        && Objects.equals(versions, o.versions)
        && Objects.equals(benchmarks, o.benchmarks);
  }

  @Override
  public int hashCode() {
    return Objects.hash(summary, versions, benchmarks);
  }

  @Override
  public String toString() {
    return "ModelDetails{summary=" + summary + ", versions=" + versions + ", benchmarks=" + benchmarks + "}";
  }

  /** Builds a {@link ModelDetails}. */
  public static final class Builder {
    private ModelSummary summary;
    private List<ModelVersion> versions = List.of();
    private List<Benchmark> benchmarks = List.of();

    private Builder() {}

    public Builder summary(ModelSummary summary) {
      this.summary = Objects.requireNonNull(summary, "summary");
      return this;
    }

    public Builder versions(List<ModelVersion> versions) {
      this.versions = Objects.requireNonNull(versions, "versions");
      return this;
    }

    public Builder benchmarks(List<Benchmark> benchmarks) {
      this.benchmarks = Objects.requireNonNull(benchmarks, "benchmarks");
      return this;
    }

    /**
     * @throws NullPointerException naming the first required field not set
     */
    public ModelDetails build() {
      return new ModelDetails(this);
    }
  }
}
