package ai.nesa.aivm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that breaks a rule, found before anything was sent or stored. Lists every problem found,
 * not only the first.
 *
 * @since 0.1.0
 */
public class AivmValidationException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public AivmValidationException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** A validation failure with one problem. */
  public static AivmValidationException of(String path, String rule, Object value, String message) {
    return new AivmValidationException(List.of(Problem.of(path, rule, value, message)));
  }

  /** A validation failure with one problem whose value is not repeated (it may be secret). */
  public static AivmValidationException of(String path, String rule, String message) {
    return new AivmValidationException(List.of(Problem.of(path, rule, message)));
  }

  /** Every problem found, in the order found; never empty. */
  public List<Problem> problems() {
    return problems;
  }

  private static String describe(List<Problem> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a validation exception needs at least one problem");
    }
    return problems.size() == 1
        ? "Invalid input: " + problems.get(0)
        : problems.size() + " problems: "
            + problems.stream().map(Problem::toString).collect(Collectors.joining("; "));
  }
}
