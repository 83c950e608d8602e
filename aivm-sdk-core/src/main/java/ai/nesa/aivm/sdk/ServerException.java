package ai.nesa.aivm.sdk;

/**
 * HTTP 5xx: the gateway failed. Retried by the client's policy before it reaches the caller.
 *
 * @since 0.1.0
 */
public class ServerException extends AivmServiceException {
  private static final long serialVersionUID = 1L;

  public ServerException(ServiceError error) {
    super(error);
  }
}
