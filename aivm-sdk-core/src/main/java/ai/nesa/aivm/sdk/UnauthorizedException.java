package ai.nesa.aivm.sdk;

/**
 * HTTP 401: no API key, or one the gateway does not accept.
 *
 * @since 0.1.0
 */
public class UnauthorizedException extends AivmServiceException {
  private static final long serialVersionUID = 1L;

  public UnauthorizedException(ServiceError error) {
    super(error);
  }
}
