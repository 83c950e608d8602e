package ai.nesa.aivm.sdk;

/**
 * A call ran past one of its timeouts: connect, read, or the whole call including its retries.
 *
 * @since 0.1.0
 */
public class AivmTimeoutException extends AivmIoException {
  private static final long serialVersionUID = 1L;

  public AivmTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }

  public AivmTimeoutException(String message) {
    super(message);
  }
}
