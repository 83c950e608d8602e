package ai.nesa.aivm.sdk.models;

/**
 * Who stands behind a benchmark value.
 *
 * @since 0.1.0
 */
public enum Verification {
  /** The model's author reported it. */
  SELF_REPORTED("self_reported"),
  /** The network measured it. */
  VERIFIED("verified"),
  /** A value this version of the SDK does not know; a newer gateway sent it. */
  UNKNOWN("unknown");

  private final String wireName;

  Verification(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the gateway's JSON. */
  public String wireName() {
    return wireName;
  }

  /** The constant for a JSON value; {@link #UNKNOWN} for one this SDK does not know. */
  public static Verification fromWire(String value) {
    for (Verification v : values()) {
      if (v != UNKNOWN && v.wireName.equals(value)) {
        return v;
      }
    }
    return UNKNOWN;
  }
}
