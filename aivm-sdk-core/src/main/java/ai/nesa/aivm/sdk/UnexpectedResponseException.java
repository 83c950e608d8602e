package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmException;
import java.util.Optional;

/**
 * The gateway answered, but not as its API document promises: malformed JSON, a missing required
 * field, or a content type that is not JSON. Not retried: asking again would get the same answer.
 *
 * @since 0.1.0
 */
public class UnexpectedResponseException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String requestId;

  public UnexpectedResponseException(String message, int status, String requestId, Throwable cause) {
    super(message + " (status " + status + (requestId == null ? "" : ", request " + requestId) + ")", cause);
    this.status = status;
    this.requestId = requestId;
  }

  public int status() {
    return status;
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }
}
