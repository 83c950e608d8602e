package ai.nesa.aivm.sdk.kernels;

/**
 * How a kernel is run across nodes.
 *
 * @since 0.1.0
 */
public enum InferenceMode {
  /** One node runs the whole model. */
  SINGLE_NODE("single_node"),
  /** Several nodes each run a part; the aggregation code combines their results. */
  DISTRIBUTED("distributed");

  private final String wireName;

  InferenceMode(String wireName) {
    this.wireName = wireName;
  }

  /** The name in {@code aivm.json}. */
  public String wireName() {
    return wireName;
  }

  /** The constant for a name in {@code aivm.json}, or null when there is none. */
  public static InferenceMode fromWire(String name) {
    for (InferenceMode m : values()) {
      if (m.wireName.equals(name)) {
        return m;
      }
    }
    return null;
  }
}
