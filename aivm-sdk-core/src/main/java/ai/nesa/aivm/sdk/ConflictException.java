package ai.nesa.aivm.sdk;

/**
 * HTTP 409: the request conflicts with the resource's current state.
 *
 * @since 0.1.0
 */
public class ConflictException extends AivmServiceException {
  private static final long serialVersionUID = 1L;

  public ConflictException(ServiceError error) {
    super(error);
  }
}
