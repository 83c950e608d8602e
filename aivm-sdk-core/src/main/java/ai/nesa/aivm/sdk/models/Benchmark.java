package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.sdk.Semver;
import java.util.Objects;
import java.util.Optional;

/**
 * One benchmark result of a model version: a named value, its unit and dataset, and whether the network verified it or the author reported it.
 *
 * <p>Immutable. Responses gain fields over time: build instances with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class Benchmark {
  private final String name;
  private final double value;
  private final String unit;
  private final String dataset;
  private final Semver version;
  private final Verification verification;
  private final boolean higherIsBetter;

  private Benchmark(Builder b) {
    this.name = Objects.requireNonNull(b.name, "name");
    this.value = b.value;
    this.unit = b.unit;
    this.dataset = b.dataset;
    this.version = b.version;
    this.verification = Objects.requireNonNull(b.verification, "verification");
    this.higherIsBetter = b.higherIsBetter;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.value = value;
    b.unit = unit;
    b.dataset = dataset;
    b.version = version;
    b.verification = verification;
    b.higherIsBetter = higherIsBetter;
    return b;
  }

  /** The benchmark's name, such as {@code accuracy}. */
  public String name() {
    return name;
  }

  /** The measured value. */
  public double value() {
    return value;
  }

  /** The unit, such as {@code %} or {@code ms}. */
  public Optional<String> unit() {
    return Optional.ofNullable(unit);
  }

  /** The dataset measured on. */
  public Optional<String> dataset() {
    return Optional.ofNullable(dataset);
  }

  /** The version measured. */
  public Optional<Semver> version() {
    return Optional.ofNullable(version);
  }

  /** Who stands behind the value. */
  public Verification verification() {
    return verification;
  }

  /** Whether a larger value is better (accuracy) rather than worse (latency). */
  public boolean higherIsBetter() {
    return higherIsBetter;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Benchmark o)) {
      return false;
    }
    return Objects.equals(name, o.name)
        && Double.compare(value, o.value) == 0
        && Objects.equals(unit, o.unit)
        && Objects.equals(dataset, o.dataset)
        && Objects.equals(version, o.version)
        && Objects.equals(verification, o.verification)
        && higherIsBetter == o.higherIsBetter;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, value, unit, dataset, version, verification, higherIsBetter);
  }

  @Override
  public String toString() {
    return "Benchmark{name=" + name + ", value=" + value + ", unit=" + unit + ", dataset=" + dataset + ", version=" + version + ", verification=" + verification + ", higherIsBetter=" + higherIsBetter + "}";
  }

  /** Builds a {@link Benchmark}. */
  public static final class Builder {
    private String name;
    private double value = 0;
    private String unit;
    private String dataset;
    private Semver version;
    private Verification verification;
    private boolean higherIsBetter = true;

    private Builder() {}

    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    public Builder value(double value) {
      this.value = value;
      return this;
    }

    public Builder unit(String unit) {
      this.unit = Objects.requireNonNull(unit, "unit");
      return this;
    }

    public Builder dataset(String dataset) {
      this.dataset = Objects.requireNonNull(dataset, "dataset");
      return this;
    }

    public Builder version(Semver version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder verification(Verification verification) {
      this.verification = Objects.requireNonNull(verification, "verification");
      return this;
    }

    public Builder higherIsBetter(boolean higherIsBetter) {
      this.higherIsBetter = higherIsBetter;
      return this;
    }

    /**
     * @throws NullPointerException naming the first required field not set
     */
    public Benchmark build() {
      return new Benchmark(this);
    }
  }
}
