package ai.nesa.aivm.sdk.inference;

import java.util.Objects;

/**
 * Why a deployment failed.
 *
 * @param code the gateway's stable code, such as {@code kernel_load_failed}
 * @param message what happened
 * @since 0.1.0
 */
public record DeploymentFailure(String code, String message) {
  public DeploymentFailure {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }
}
