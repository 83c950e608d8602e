package ai.nesa.aivm.sdk;

/**
 * HTTP 403: the caller is known but not allowed to do this.
 *
 * @since 0.1.0
 */
public class PermissionDeniedException extends AivmServiceException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(ServiceError error) {
    super(error);
  }
}
