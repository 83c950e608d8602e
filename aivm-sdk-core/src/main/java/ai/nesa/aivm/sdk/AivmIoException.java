package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmException;

/**
 * The gateway could not be reached, or the connection failed before a whole response arrived,
 * after every retry the client's policy allows.
 *
 * @since 0.1.0
 */
public class AivmIoException extends AivmException {
  private static final long serialVersionUID = 1L;

  public AivmIoException(String message, Throwable cause) {
    super(message, cause);
  }

  public AivmIoException(String message) {
    super(message);
  }
}
