package ai.nesa.aivm.chain;

import ai.nesa.aivm.AivmException;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger contract refused a transaction: the custom error it reverted with, decoded (its name,
 * such as {@code NotFound}, and its arguments), the {@code Ledger} SPI's code for it, and the hash of
 * the transaction when one was mined and reverted. When the refusal showed in the gas estimate,
 * before anything was sent, there is no transaction and no gas was spent.
 *
 * <pre>{@code
 * try {
 *   ledger.direct(owner).grantBatch(model, 0, Optional.empty(), wrappedKeys);
 * } catch (ContractRevertException e) {
 *   if (e.code() == LedgerError.Code.NOT_FOUND) { ... }   // e.errorName() "NotFound", e.arguments() ["node"]
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ContractRevertException extends AivmException {
  private static final long serialVersionUID = 1L;

  private final String errorName;
  private final transient List<Object> arguments;
  private final LedgerError.Code code;
  private final Hash32 transactionHash;

  ContractRevertException(String message, String errorName, List<Object> arguments, LedgerError.Code code,
      Hash32 transactionHash) {
    super(message);
    this.errorName = Objects.requireNonNull(errorName, "errorName");
    this.arguments = List.copyOf(arguments);
    this.code = Objects.requireNonNull(code, "code");
    this.transactionHash = transactionHash;
  }

  /** The custom error's name, such as {@code NotAllowed}; {@code Error} or {@code Panic} for Solidity's own. */
  public String errorName() {
    return errorName;
  }

  /**
   * The error's arguments in order: addresses as {@link ai.nesa.aivm.crypto.Address}, integers as
   * {@link java.math.BigInteger}, strings as text.
   */
  public List<Object> arguments() {
    return arguments;
  }

  /** The {@code Ledger} SPI's code for the error. */
  public LedgerError.Code code() {
    return code;
  }

  /** The transaction that was mined and reverted; empty when the refusal came before sending. */
  public Optional<Hash32> transactionHash() {
    return Optional.ofNullable(transactionHash);
  }
}
