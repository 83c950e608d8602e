package ai.nesa.aivm.sdk;

/**
 * HTTP 400: the gateway refused the request as malformed; {@link #details()} says where.
 *
 * @since 0.1.0
 */
public class BadRequestException extends AivmServiceException {
  private static final long serialVersionUID = 1L;

  public BadRequestException(ServiceError error) {
    super(error);
  }
}
