package ai.nesa.aivm.sdk;

/**
 * HTTP 422: well-formed but semantically invalid input; {@link #details()} lists every problem.
 *
 * @since 0.1.0
 */
public class UnprocessableEntityException extends AivmServiceException {
  private static final long serialVersionUID = 1L;

  public UnprocessableEntityException(ServiceError error) {
    super(error);
  }
}
