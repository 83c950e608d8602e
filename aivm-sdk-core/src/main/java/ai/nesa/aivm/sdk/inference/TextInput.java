package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.AivmValidationException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Text for a text model. Immutable: {@link #maxTokens} and {@link #temperature} return copies.
 *
 * @since 0.1.0
 */
public final class TextInput implements InferenceInput {
  private final String text;
  private final Integer maxTokens;
  private final Double temperature;

  TextInput(String text, Integer maxTokens, Double temperature) {
    Objects.requireNonNull(text, "text");
    if (maxTokens != null && maxTokens < 1) {
      throw AivmValidationException.of("input.maxTokens", "minimum", maxTokens, "maxTokens is at least 1, was " + maxTokens);
    }
    if (temperature != null && (!(temperature >= 0) || Double.isInfinite(temperature))) {
      throw AivmValidationException.of("input.temperature", "minimum", temperature,
          "temperature is a finite number of 0 or more, was " + temperature);
    }
    this.text = text;
    this.maxTokens = maxTokens;
    this.temperature = temperature;
  }

  public String text() {
    return text;
  }

  /** The most tokens to generate; the model's default when empty. */
  public OptionalInt maxTokens() {
    return maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens);
  }

  /** 0 picks the likeliest token each time; the model's default when empty. */
  public Optional<Double> temperature() {
    return Optional.ofNullable(temperature);
  }

  /** A copy generating at most {@code maxTokens} tokens. */
  public TextInput maxTokens(int maxTokens) {
    return new TextInput(text, maxTokens, temperature);
  }

  /** A copy sampling at {@code temperature}. */
  public TextInput temperature(double temperature) {
    return new TextInput(text, maxTokens, temperature);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TextInput t && text.equals(t.text) && Objects.equals(maxTokens, t.maxTokens)
        && Objects.equals(temperature, t.temperature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(text, maxTokens, temperature);
  }

  /** The length of the text, never the text: inputs may be private. */
  @Override
  public String toString() {
    return "TextInput[" + text.length() + " chars" + (maxTokens == null ? "" : ", maxTokens=" + maxTokens) + "]";
  }
}
