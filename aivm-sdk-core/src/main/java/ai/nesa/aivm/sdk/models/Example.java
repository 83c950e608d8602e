package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.sdk.Semver;
import java.util.Objects;
import java.util.Optional;

/**
 * An example input and the output the model gave for it, as JSON text in the inference API's form.
 *
 * <p>Immutable. Responses gain fields over time: build instances with {@link #builder()}.
 *
 * @since 0.1.0
 */
public final class Example {
  private final String title;
  private final Semver version;
  private final String input;
  private final String output;

  private Example(Builder b) {
    this.title = b.title;
    this.version = b.version;
    this.input = Objects.requireNonNull(b.input, "input");
    this.output = Objects.requireNonNull(b.output, "output");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this instance's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.title = title;
    b.version = version;
    b.input = input;
    b.output = output;
    return b;
  }

  /** A short title. */
  public Optional<String> title() {
    return Optional.ofNullable(title);
  }

  /** The version that produced the output. */
  public Optional<Semver> version() {
    return Optional.ofNullable(version);
  }

  /** The input, as JSON text. */
  public String input() {
    return input;
  }

  /** The output, as JSON text. */
  public String output() {
    return output;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Example o)) {
      return false;
    }
    return Objects.equals(title, o.title)
        && Objects.equals(version, o.version)
        && Objects.equals(input, o.input)
        && Objects.equals(output, o.output);
  }

  @Override
  public int hashCode() {
    return Objects.hash(title, version, input, output);
  }

  @Override
  public String toString() {
    return "Example{title=" + title + ", version=" + version + ", input=" + input + ", output=" + output + "}";
  }

  /** Builds a {@link Example}. */
  public static final class Builder {
    private String title;
    private Semver version;
    private String input;
    private String output;

    private Builder() {}

    public Builder title(String title) {
      this.title = Objects.requireNonNull(title, "title");
      return this;
    }

    public Builder version(Semver version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder input(String input) {
      this.input = Objects.requireNonNull(input, "input");
      return this;
    }

    public Builder output(String output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /**
     * @throws NullPointerException naming the first required field not set
     */
    public Example build() {
      return new Example(this);
    }
  }
}
