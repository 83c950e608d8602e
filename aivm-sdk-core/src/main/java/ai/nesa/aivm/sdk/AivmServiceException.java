package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.Problem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gateway answered with an error status. Subclasses name the statuses a caller handles
 * differently; others arrive as this class.
 *
 * <p>Every instance carries the gateway's {@linkplain #requestId() request id}: quote it when
 * reporting a problem.
 *
 * @since 0.1.0
 */
public class AivmServiceException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final transient ServiceError error;

  public AivmServiceException(ServiceError error) {
    super(describe(error));
    this.error = error;
  }

  private static String describe(ServiceError e) {
    return e.status() + " " + e.code() + ": " + e.message()
        + (e.requestId() == null ? "" : " (request " + e.requestId() + ")");
  }

  /** The HTTP status. */
  public int status() {
    return error.status();
  }

  /** The gateway's stable error code, such as {@code model_not_found}. */
  public String code() {
    return error.code();
  }

  /** The gateway's id of the failed request. */
  public Optional<String> requestId() {
    return Optional.ofNullable(error.requestId());
  }

  /** How long the gateway asked the client to wait before trying again, when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(error.retryAfter());
  }

  /** Every problem the gateway listed; empty for most statuses. */
  public List<Problem> details() {
    return error.details();
  }

  /** Everything the gateway said. */
  public ServiceError error() {
    return error;
  }

  /**
   * The exception for an error answer: the subclass for its status, or this class.
   *
   * @param error what the gateway said
   * @return an exception to throw
   */
  public static AivmServiceException of(ServiceError error) {
    int s = error.status();
    return switch (s) {
      case 400 -> new BadRequestException(error);
      case 401 -> new UnauthorizedException(error);
      case 403 -> new PermissionDeniedException(error);
      case 404 -> new NotFoundException(error);
      case 409 -> new ConflictException(error);
      case 413 -> new PayloadTooLargeException(error);
      case 422 -> new UnprocessableEntityException(error);
      case 429 -> new RateLimitException(error);
      default -> s >= 500 ? new ServerException(error) : new AivmServiceException(error);
    };
  }
}
