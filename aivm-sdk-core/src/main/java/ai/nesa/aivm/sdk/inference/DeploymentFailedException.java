package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.AivmException;

/**
 * A deployment waited on ended {@code failed} or {@code deleted} instead of becoming ready.
 *
 * @since 0.1.0
 */
public final class DeploymentFailedException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final transient Deployment deployment;

  public DeploymentFailedException(Deployment deployment) {
    super("deployment " + deployment.id() + " of " + deployment.model() + " is " + deployment.status().wireName()
        + deployment.failure().map(f -> ": " + f.code() + ": " + f.message()).orElse(""));
    this.deployment = deployment;
  }

  /** The deployment as last read. */
  public Deployment deployment() {
    return deployment;
  }
}
