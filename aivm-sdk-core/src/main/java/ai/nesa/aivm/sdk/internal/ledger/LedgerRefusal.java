package ai.nesa.aivm.sdk.internal.ledger;

import ai.nesa.aivm.sdk.ledger.LedgerError;
import java.util.Objects;

/**
 * A ledger rule a request broke, thrown before anything changed and turned into a rejected
 * receipt by the ledger: it never leaves the ledger's implementation.
 */
public final class LedgerRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient LedgerError error;

  public LedgerRefusal(LedgerError.Code code, String message) {
    // No stack trace: a refusal is an answer, not a fault, and requests are refused often.
    super(message, null, false, false);
    this.error = new LedgerError(Objects.requireNonNull(code, "code"), message);
  }

  /** The error the rejected receipt carries. */
  public LedgerError error() {
    return error;
  }
}
