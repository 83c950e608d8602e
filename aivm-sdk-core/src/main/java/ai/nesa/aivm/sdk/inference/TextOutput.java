package ai.nesa.aivm.sdk.inference;

import java.util.Objects;
import java.util.Optional;

/**
 * Text a model generated.
 *
 * @param text the text
 * @param finishReason why generation stopped, such as {@code stop} or {@code length}; null when not said
 * @since 0.1.0
 */
public record TextOutput(String text, String finishReason) implements InferenceOutput {
  public TextOutput {
    Objects.requireNonNull(text, "text");
  }

  /** Why generation stopped, when the gateway said. */
  public Optional<String> finish() {
    return Optional.ofNullable(finishReason);
  }

  /** The length of the text, never the text. */
  @Override
  public String toString() {
    return "TextOutput[" + text.length() + " chars" + (finishReason == null ? "" : ", " + finishReason) + "]";
  }
}
