package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.sdk.AivmIoException;
import java.util.Optional;

/**
 * A streamed inference ended without its {@code done} or {@code error} event: the connection was
 * cut. The stream never ends silently short; when the gateway had already completed the inference
 * the stream gives its result instead of throwing this.
 *
 * @since 0.1.0
 */
public final class InferenceStreamException extends AivmIoException {
  private static final long serialVersionUID = 1L;

  private final String inferenceId;
  private final long chunksReceived;
  private final InferenceStatus status;

  public InferenceStreamException(String message, String inferenceId, long chunksReceived, InferenceStatus status,
      Throwable cause) {
    super(message, cause);
    this.inferenceId = inferenceId;
    this.chunksReceived = chunksReceived;
    this.status = status;
  }

  /** The inference's id, when its {@code ack} arrived. */
  public Optional<String> inferenceId() {
    return Optional.ofNullable(inferenceId);
  }

  /** How many chunks arrived before the cut. */
  public long chunksReceived() {
    return chunksReceived;
  }

  /** The inference's status on the gateway after the cut, when it could be read. */
  public Optional<InferenceStatus> status() {
    return Optional.ofNullable(status);
  }
}
