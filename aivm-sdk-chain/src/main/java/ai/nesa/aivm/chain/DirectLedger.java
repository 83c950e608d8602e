package ai.nesa.aivm.chain;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.chain.internal.contracts.ContractCalls;
import ai.nesa.aivm.chain.internal.contracts.ContractError;
import ai.nesa.aivm.chain.internal.ledger.Rejections;
import ai.nesa.aivm.chain.internal.rpc.RevertedCall;
import ai.nesa.aivm.chain.internal.tx.SentTransaction;
import ai.nesa.aivm.chain.internal.tx.TransactionSender;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The ledger contract's direct calls from one account, which acts for itself and pays its own gas:
 * the same actions as signed requests, with the sender as the signer, and calls no request has
 * ({@link #grantBatch}). Reached through {@link Web3jLedger#direct}.
 *
 * <pre>{@code
 * DirectLedger owner = ledger.direct(EthSigner.of(ownerKey));
 * owner.apply(new LedgerAction.RegisterModel(model, Access.PRIVATE));
 * List<ChainEvent> granted = owner.grantBatch(model, 0, Optional.empty(), wrappedKeysByNode);
 * }</pre>
 *
 * <p>Each call is estimated first (which runs it): a refusal is thrown before anything is sent.
 * Then the transaction is sent and waited for as the ledger's submits are (confirmations,
 * replacement of a stuck transaction), and the call returns the events it made once the ledger's
 * view holds them.
 *
 * <p>Thread-safe: the account's transactions go out under consecutive nonces.
 *
 * @since 0.1.0
 */
public final class DirectLedger {
  private final Web3jLedger ledger;
  private final TransactionSender sender;

  DirectLedger(Web3jLedger ledger, TransactionSender sender) {
    this.ledger = ledger;
    this.sender = sender;
  }

  /** The account that sends, pays and acts. */
  public Address sender() {
    return sender.from();
  }

  /**
   * Applies {@code action} for the sender.
   *
   * @return the events it made (one)
   * @throws ContractRevertException when the contract refuses it
   * @throws ai.nesa.aivm.sdk.AivmTimeoutException when it is not mined within the ledger's receipt
   *     timeout (it may be mined later)
   * @throws ai.nesa.aivm.sdk.AivmIoException when the node cannot be reached or refuses the transaction
   */
  public List<ChainEvent> apply(LedgerAction action) {
    Objects.requireNonNull(action, "action");
    return call(action.kind().wireName() + action.model().map(m -> " of " + m).orElse(""),
        ContractCalls.direct(ledger.contractCalls(), action).encodeFunctionCall());
  }

  /**
   * Grants each node its own wrapped key of a private model the sender owns, in one transaction: all
   * for key epoch {@code epoch} and, when given, limited to {@code version}. The model, epoch and
   * version are checked once for the whole batch.
   *
   * @param wrappedKeys each node's wrapped data key (or key share), in the order the grants are made
   * @return one event per node, in the map's order
   * @throws AivmValidationException when {@code wrappedKeys} is empty or a key is empty
   * @throws ContractRevertException when the contract refuses the batch (nothing of it applies)
   */
  public List<ChainEvent> grantBatch(ModelId model, long epoch, Optional<Semver> version,
      Map<Address, byte[]> wrappedKeys) {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(wrappedKeys, "wrappedKeys");
    if (wrappedKeys.isEmpty()) {
      throw AivmValidationException.of("wrappedKeys", "minItems", 0, "a batch grants at least one node");
    }
    if (epoch < 0) {
      throw AivmValidationException.of("epoch", "minimum", epoch, "a key epoch is not negative");
    }
    List<String> nodes = new ArrayList<>();
    List<byte[]> keys = new ArrayList<>();
    for (Map.Entry<Address, byte[]> e : wrappedKeys.entrySet()) {
      if (e.getValue() == null || e.getValue().length == 0) {
        throw AivmValidationException.of("wrappedKeys[" + e.getKey() + "]", "minLength", 0,
            "node " + e.getKey() + "'s wrapped key is empty");
      }
      nodes.add(e.getKey().hex());
      keys.add(e.getValue().clone());
    }
    String data = ledger.contractCalls().grantBatch(model.toString(), nodes, BigInteger.valueOf(epoch), keys,
        version.map(Semver::text).orElse("")).encodeFunctionCall();
    return call("grant_batch of " + model + " to " + nodes.size() + " node(s)", data);
  }

  private List<ChainEvent> call(String what, String data) {
    String contract = ledger.contract().hex();
    BigInteger gas;
    try {
      gas = sender.estimateGas(contract, data);
    } catch (RevertedCall refused) {
      throw revert(what, Web3jLedger.decode(refused), null);
    }
    SentTransaction sent = sender.send(contract, data, TransactionSender.withHeadroom(gas));
    TransactionReceipt mined = ledger.awaitMined(sender, sent);
    if (!mined.isStatusOK()) {
      long block = mined.getBlockNumber().longValueExact();
      Hash32 tx = Hash32.of(mined.getTransactionHash());
      ContractError error = ledger.revertReason(sender.from(), data, block).orElseGet(() -> new ContractError("Error",
          List.of("reverted in block " + block + "; running it again against that block's state does not revert")));
      throw revert(what, error, tx);
    }
    return ledger.eventsOf(mined);
  }

  private static ContractRevertException revert(String what, ContractError error, Hash32 tx) {
    LedgerError described = Rejections.describe(what, error,
        tx == null ? null : tx.hex());
    return new ContractRevertException(described.message(), error.name(), error.args(), described.code(), tx);
  }

  @Override
  public String toString() {
    return "DirectLedger[" + sender.from() + " on " + ledger.contract() + "]";
  }
}
