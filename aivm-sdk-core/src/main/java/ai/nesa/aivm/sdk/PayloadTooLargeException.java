package ai.nesa.aivm.sdk;

/**
 * HTTP 413: the request body is over the gateway's limit.
 *
 * @since 0.1.0
 */
public class PayloadTooLargeException extends AivmServiceException {
  private static final long serialVersionUID = 1L;

  public PayloadTooLargeException(ServiceError error) {
    super(error);
  }
}
