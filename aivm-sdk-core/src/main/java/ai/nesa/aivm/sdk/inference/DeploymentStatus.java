package ai.nesa.aivm.sdk.inference;

/**
 * Where a deployment is in its life.
 *
 * @since 0.1.0
 */
public enum DeploymentStatus {
  /** Its nodes are loading the kernel. */
  PENDING("pending"),
  /** It takes inferences. */
  READY("ready"),
  /** It could not start; {@link Deployment#failure()} says why. */
  FAILED("failed"),
  /** It was deleted. */
  DELETED("deleted"),
  /** A status this SDK does not know, from a newer gateway. */
  UNKNOWN("unknown");

  private final String wireName;

  DeploymentStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The status for a wire name; {@link #UNKNOWN} for one this SDK does not know. */
  public static DeploymentStatus fromWire(String name) {
    for (DeploymentStatus s : values()) {
      if (s != UNKNOWN && s.wireName.equals(name)) {
        return s;
      }
    }
    return UNKNOWN;
  }

  /** Whether the deployment will not change status again by itself. */
  public boolean isSettled() {
    return this != PENDING;
  }
}
