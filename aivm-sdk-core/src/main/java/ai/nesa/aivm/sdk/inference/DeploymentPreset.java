package ai.nesa.aivm.sdk.inference;

/**
 * Execution parameters filled in one word; fields set beside a preset override it.
 *
 * @since 0.1.0
 */
public enum DeploymentPreset {
  /** One node, no consensus: the quickest answer. */
  FAST("fast"),
  /** Three nodes, majority: an answer two independent nodes agree on. */
  VERIFIED("verified");

  private final String wireName;

  DeploymentPreset(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
