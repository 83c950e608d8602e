package ai.nesa.aivm.sdk.kernels;

/**
 * The element type of a kernel's input or output tensor.
 *
 * @since 0.1.0
 */
public enum DType {
  FLOAT32("float32"),
  FLOAT16("float16"),
  INT64("int64"),
  INT32("int32"),
  INT8("int8"),
  UINT8("uint8"),
  BOOL("bool"),
  STRING("string");

  private final String wireName;

  DType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in {@code aivm.json}. */
  public String wireName() {
    return wireName;
  }

  /** The constant for a name in {@code aivm.json}, or null when there is none. */
  public static DType fromWire(String name) {
    for (DType t : values()) {
      if (t.wireName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
