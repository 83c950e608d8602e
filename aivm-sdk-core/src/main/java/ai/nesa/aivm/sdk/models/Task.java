package ai.nesa.aivm.sdk.models;

import ai.nesa.aivm.AivmValidationException;
import java.util.regex.Pattern;

/**
 * What a model does, such as {@code text-classification}. The constants name the common tasks;
 * {@link #of} takes any other, so a task added by the gateway later is kept as it is.
 *
 * @param value the task's name: lower-case letters, digits and '-'
 * @since 0.1.0
 */
public record Task(String value) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

  public static final Task TEXT_CLASSIFICATION = new Task("text-classification");
  public static final Task TEXT_GENERATION = new Task("text-generation");
  public static final Task IMAGE_CLASSIFICATION = new Task("image-classification");
  public static final Task EMBEDDING = new Task("embedding");
  public static final Task OBJECT_DETECTION = new Task("object-detection");
  public static final Task SPEECH_RECOGNITION = new Task("speech-recognition");
  public static final Task TABULAR_CLASSIFICATION = new Task("tabular-classification");
  public static final Task TABULAR_REGRESSION = new Task("tabular-regression");

  public Task {
    if (value == null || !NAME.matcher(value).matches()) {
      throw AivmValidationException.of("task", "pattern", value,
          "a task is 1-64 lower-case letters, digits and '-': '" + value + "'");
    }
  }

  /** The task named {@code value}: one of the constants when it names one, else a new value. */
  public static Task of(String value) {
    Task known = value == null ? null : switch (value) {
      case "text-classification" -> TEXT_CLASSIFICATION;
      case "text-generation" -> TEXT_GENERATION;
      case "image-classification" -> IMAGE_CLASSIFICATION;
      case "embedding" -> EMBEDDING;
      case "object-detection" -> OBJECT_DETECTION;
      case "speech-recognition" -> SPEECH_RECOGNITION;
      case "tabular-classification" -> TABULAR_CLASSIFICATION;
      case "tabular-regression" -> TABULAR_REGRESSION;
      default -> null;
    };
    return known != null ? known : new Task(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
