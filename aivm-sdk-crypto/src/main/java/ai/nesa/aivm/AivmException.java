package ai.nesa.aivm;

/**
 * The root of every exception the AIVM SDK throws; all of them are unchecked.
 *
 * <h2>What to catch</h2>
 * <ul>
 *   <li>{@link AivmValidationException}: the caller's input broke a rule; nothing was sent.
 *   <li>{@link AivmServiceException} and its subclasses: the gateway answered with an error status.
 *   <li>{@link AivmIoException}: the gateway could not be reached or stopped answering.
 *   <li>{@link UnexpectedResponseException}: the gateway answered with something that is not what
 *       its API document promises (malformed JSON, a wrong content type).
 * </ul>
 *
 * <p>No exception message ever contains an API key, a private key or a payload.
 *
 * @since 0.1.0
 */
public class AivmException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AivmException(String message) {
    super(message);
  }

  public AivmException(String message, Throwable cause) {
    super(message, cause);
  }
}
