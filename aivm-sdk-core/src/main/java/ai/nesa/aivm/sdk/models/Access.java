package ai.nesa.aivm.sdk.models;

/**
 * Who may run a model.
 *
 * @since 0.1.0
 */
public enum Access {
  /** Any node may run it; the kernel is stored in the clear. */
  PUBLIC("public"),
  /** Only nodes the owner authorized may run it; the kernel is stored encrypted. */
  PRIVATE("private"),
  /** A value this version of the SDK does not know; a newer gateway sent it. */
  UNKNOWN("unknown");

  private final String wireName;

  Access(String wireName) {
    this.wireName = wireName;
  }

  /** The name in the gateway's JSON. */
  public String wireName() {
    return wireName;
  }

  /** The constant for a JSON value; {@link #UNKNOWN} for one this SDK does not know. */
  public static Access fromWire(String value) {
    for (Access a : values()) {
      if (a != UNKNOWN && a.wireName.equals(value)) {
        return a;
      }
    }
    return UNKNOWN;
  }
}
