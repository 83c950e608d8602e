package ai.nesa.aivm.chain.internal.ledger;

import ai.nesa.aivm.chain.internal.contracts.ContractError;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;

/**
 * The {@link LedgerError} of a request the contract refused: the SPI's code, and a message that
 * says what was refused, the custom error the contract reverted with (its name and arguments), what
 * it means, and whether a transaction was mined for it.
 */
public final class Rejections {
  /** What each custom error means, as the contract's NatSpec says. */
  private static final Map<String, String> MEANING = Map.of(
      "InvalidSignature", "the signature does not recover to the request's signer in this ledger's domain",
      "DeadlinePassed", "the request's deadline is before the block's time",
      "NonceMismatch", "the request's nonce is not the signer's next one",
      "NotAllowed", "the signer may not do this",
      "NotFound", "a model, version, node or grant the request names does not exist",
      "Conflict", "the request would create something that exists already",
      "Invalid", "a value breaks a rule");

  private Rejections() {}

  /**
   * The error of {@code action}, refused with {@code error}; {@code transaction} names the mined
   * transaction that reverted, or is null when the refusal showed before anything was sent.
   */
  public static LedgerError of(LedgerAction action, ContractError error, String transaction) {
    return describe(action.kind().wireName() + action.model().map(m -> " of " + m).orElse(""), error, transaction);
  }

  /**
   * The error of the call described by {@code what} (such as {@code grant_batch of acme/x to 3
   * node(s)}), refused with {@code error}; {@code transaction} as for {@link #of}.
   */
  public static LedgerError describe(String what, ContractError error, String transaction) {
    StringBuilder message = new StringBuilder(what);
    message.append(": the contract reverted with ").append(error).append(": ")
        .append(MEANING.getOrDefault(error.name(), "an error of Solidity's own"));
    if (error.name().equals("DeadlinePassed") && error.args().size() == 2) {
      message.append(" (deadline ").append(time(error.args().get(0))).append(", block time ")
          .append(time(error.args().get(1))).append(')');
    }
    message.append(transaction == null ? "; found when the call was simulated, so nothing was sent"
        : "; in transaction " + transaction);
    return new LedgerError(error.code(), message.toString());
  }

  /** The error of a mined transaction that reverted but whose reason cannot be read back. */
  public static LedgerError unexplained(LedgerAction action, String transaction, long block) {
    return new LedgerError(LedgerError.Code.INVALID, action.kind().wireName() + action.model().map(m -> " of " + m)
        .orElse("") + ": transaction " + transaction + " reverted in block " + block
        + ", and running it again against that block's state does not revert, so the reason cannot be read back");
  }

  private static String time(Object seconds) {
    return seconds instanceof BigInteger b && b.bitLength() < 63 ? Instant.ofEpochSecond(b.longValue()).toString()
        : String.valueOf(seconds);
  }
}
