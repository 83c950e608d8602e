package ai.nesa.aivm.sdk;

/**
 * HTTP 429: too many requests. Retried by the client's policy before it reaches the caller.
 *
 * @since 0.1.0
 */
public class RateLimitException extends AivmServiceException {
  private static final long serialVersionUID = 1L;

  public RateLimitException(ServiceError error) {
    super(error);
  }
}
