package ai.nesa.aivm.sdk.models;

/**
 * The direction of a sort.
 *
 * @since 0.1.0
 */
public enum SortOrder {
  ASC("asc"),
  DESC("desc");

  private final String wireName;

  SortOrder(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
