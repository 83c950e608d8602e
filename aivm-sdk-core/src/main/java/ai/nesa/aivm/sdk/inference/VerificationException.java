package ai.nesa.aivm.sdk.inference;

import ai.nesa.aivm.AivmException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A result failed the client's checks: a bad signature, a signer that is not a registered (or
 * authorized) node, a hash that does not match, or too few agreeing nodes. The result is not
 * returned; what failed is listed.
 *
 * @since 0.1.0
 */
public class VerificationException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final String inferenceId;
  private final transient List<VerificationFailure> failures;

  public VerificationException(String inferenceId, List<VerificationFailure> failures) {
    super(describe(inferenceId, failures));
    this.inferenceId = inferenceId;
    this.failures = List.copyOf(failures);
  }

  private static String describe(String id, List<VerificationFailure> failures) {
    return "inference " + id + " failed verification: " + failures.stream().map(VerificationFailure::toString)
        .collect(Collectors.joining("; "));
  }

  /** The inference's id. */
  public String inferenceId() {
    return inferenceId;
  }

  /** Every check that failed. */
  public List<VerificationFailure> failures() {
    return failures;
  }
}
