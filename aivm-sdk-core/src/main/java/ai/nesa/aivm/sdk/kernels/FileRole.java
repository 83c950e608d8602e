package ai.nesa.aivm.sdk.kernels;

/**
 * What a bundle file is for.
 *
 * @since 0.1.0
 */
public enum FileRole {
  WEIGHTS("weights"),
  CODE("code"),
  AGGREGATION("aggregation"),
  DOCS("docs"),
  EXAMPLE("example"),
  CONFIG("config");

  private final String wireName;

  FileRole(String wireName) {
    this.wireName = wireName;
  }

  /** The name in {@code aivm.json}. */
  public String wireName() {
    return wireName;
  }

  /** The constant for a name in {@code aivm.json}, or null when there is none. */
  public static FileRole fromWire(String name) {
    for (FileRole r : values()) {
      if (r.wireName.equals(name)) {
        return r;
      }
    }
    return null;
  }
}
