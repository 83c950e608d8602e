package ai.nesa.aivm.sdk;

import ai.nesa.aivm.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the gateway said about a request it refused: the HTTP status, a stable code, a message,
 * the request id to quote, and, for invalid input, every problem it found.
 *
 * @param status the HTTP status
 * @param code a stable, machine-readable code such as {@code model_not_found}; {@code unknown}
 *     when the body carried none
 * @param message the gateway's explanation
 * @param requestId the gateway's id of the request, or {@code null} when it sent none
 * @param details the problems listed by the gateway; may be empty
 * @param retryAfter how long the gateway asked the client to wait, or {@code null}
 * @since 0.1.0
 */
public record ServiceError(
    int status, String code, String message, String requestId, List<Problem> details, Duration retryAfter) {

  public ServiceError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    details = List.copyOf(details);
  }
}
