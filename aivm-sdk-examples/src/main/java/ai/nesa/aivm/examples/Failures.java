package ai.nesa.aivm.examples;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.Problem;
import java.io.PrintStream;

/** How the examples end on an SDK exception: what went wrong on {@code err}, and the exit code. */
final class Failures {
  private Failures() {}

  /** Every problem of invalid input with its path (exit code 2), or the failure's message (1). */
  static int report(AivmException e, PrintStream err) {
    if (e instanceof AivmValidationException invalid) {
      err.println("Invalid:");
      for (Problem p : invalid.problems()) {
        err.println("  " + p.path() + ": " + p.message());
      }
      return 2;
    }
    err.println("Failed: " + e.getMessage());
    return 1;
  }
}
