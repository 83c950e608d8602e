package ai.nesa.aivm.sdk.inference;

/**
 * How a deployment gives its output.
 *
 * @since 0.1.0
 */
public enum OutputFormat {
  /** From the model's declared outputs (the default). */
  AUTO("auto"),
  /** Tensors. */
  TENSOR("tensor"),
  /** Text. */
  TEXT("text");

  private final String wireName;

  OutputFormat(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
