package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ServiceError;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An inference as the gateway holds it: running, completed (with its result), failed (with its
 * error) or cancelled. {@link InferenceClient#inference(String)} reads it.
 *
 * @param id the inference's id
 * @param deployment the deployment's id
 * @param model the model
 * @param version the version
 * @param status where it is
 * @param startedAt when it started
 * @param completedAt when it ended; null while running
 * @param result the result, once completed (not verified: {@link InferenceClient#verify} checks it)
 * @param error the error, once failed
 * @since 0.1.0
 */
public record InferenceState(String id, String deployment, ModelId model, Semver version, InferenceStatus status,
    Instant startedAt, Instant completedAt, InferenceResult result, ServiceError error) {
  public InferenceState {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  public Optional<Instant> completed() {
    return Optional.ofNullable(completedAt);
  }

  public Optional<InferenceResult> resultIfCompleted() {
    return Optional.ofNullable(result);
  }

  public Optional<ServiceError> errorIfFailed() {
    return Optional.ofNullable(error);
  }
}
