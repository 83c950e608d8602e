package ai.nesa.aivm.chain.internal.rpc;

import ai.nesa.aivm.AivmException;

/**
 * A call (or gas estimate) the node ran and the contract reverted: the node's message and the
 * revert data, which holds the contract's custom error. Internal: the ledger turns it into a
 * rejected receipt or a {@code ContractRevertException}.
 */
public final class RevertedCall extends AivmException {
  private static final long serialVersionUID = 1L;

  private final String revertData;

  RevertedCall(String method, String message, String revertData) {
    super(method + " reverted: " + message);
    this.revertData = revertData;
  }

  /** {@code 0x}, a 4-byte selector and the ABI-encoded arguments (or just {@code 0x}). */
  public String revertData() {
    return revertData;
  }
}
