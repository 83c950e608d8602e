package ai.nesa.aivm.devnet;

import ai.nesa.aivm.AivmException;

/**
 * A node refused a kernel because what the store holds is not what the ledger published: a
 * manifest whose hash is not the version's, or a private kernel the node holds no grant of.
 *
 * @since 0.1.0
 */
public final class KernelVerificationException extends AivmException {
  private static final long serialVersionUID = 1L;

  /** A refusal, saying what did not match. */
  public KernelVerificationException(String message) {
    super(message);
  }

  /** A refusal with its cause. */
  public KernelVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
