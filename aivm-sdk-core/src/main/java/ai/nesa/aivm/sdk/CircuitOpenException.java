package ai.nesa.aivm.sdk;

/**
 * The client stopped sending to a gateway that has been failing; nothing was sent. The circuit
 * closes again on its own once a trial call succeeds.
 *
 * @since 0.1.0
 */
public class CircuitOpenException extends AivmIoException {
  private static final long serialVersionUID = 1L;

  public CircuitOpenException(String message, Throwable cause) {
    super(message, cause);
  }
}
