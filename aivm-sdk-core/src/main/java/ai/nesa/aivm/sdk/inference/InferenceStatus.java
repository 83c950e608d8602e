package ai.nesa.aivm.sdk.inference;

/**
 * Where an inference is in its life.
 *
 * @since 0.1.0
 */
public enum InferenceStatus {
  RUNNING("running"),
  COMPLETED("completed"),
  FAILED("failed"),
  CANCELLED("cancelled"),
  /** A status this SDK does not know, from a newer gateway. */
  UNKNOWN("unknown");

  private final String wireName;

  InferenceStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The status for a wire name; {@link #UNKNOWN} for one this SDK does not know. */
  public static InferenceStatus fromWire(String name) {
    for (InferenceStatus s : values()) {
      if (s != UNKNOWN && s.wireName.equals(name)) {
        return s;
      }
    }
    return UNKNOWN;
  }
}
