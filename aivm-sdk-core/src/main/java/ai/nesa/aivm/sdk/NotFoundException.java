package ai.nesa.aivm.sdk;

/**
 * HTTP 404: the model, version or other resource named does not exist.
 *
 * @since 0.1.0
 */
public class NotFoundException extends AivmServiceException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(ServiceError error) {
    super(error);
  }
}
