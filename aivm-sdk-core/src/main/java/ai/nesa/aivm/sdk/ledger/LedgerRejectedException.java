package ai.nesa.aivm.sdk.ledger;

import ai.nesa.aivm.AivmException;
import java.util.Objects;

/**
 * The ledger refused a request the client signed for a service call ({@code kernels().register},
 * {@code models().review}): the receipt, with the error's stable code and a message naming what
 * was refused and why. Nothing of the request was applied.
 *
 * <pre>{@code
 * try {
 *   client.kernels().register(published);
 * } catch (LedgerRejectedException e) {
 *   if (e.code() == LedgerError.Code.NOT_ALLOWED) { ... }   // the model is someone else's
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LedgerRejectedException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final transient LedgerReceipt receipt;

  public LedgerRejectedException(LedgerReceipt receipt) {
    super(message(receipt));
    this.receipt = receipt;
  }

  private static String message(LedgerReceipt receipt) {
    Objects.requireNonNull(receipt, "receipt");
    LedgerError error = receipt.error().orElseThrow(() -> new IllegalArgumentException("not a rejected receipt: "
        + receipt));
    return "the ledger refused " + receipt.kind().wireName() + " (request " + receipt.requestId() + "): "
        + error.code().wireName() + ": " + error.message();
  }

  /** The rejected receipt. */
  public LedgerReceipt receipt() {
    return receipt;
  }

  /** The refusal. */
  public LedgerError error() {
    return receipt.error().orElseThrow();
  }

  /** The refusal's code. */
  public LedgerError.Code code() {
    return error().code();
  }
}
