package ai.nesa.aivm.chain.internal.contracts;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.nesa.aivm.chain.testing.AnvilNode;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple3;
import org.web3j.tuples.generated.Tuple4;

/**
 * One deployed AivmLedger and what its tests do with it: sign SDK requests in its domain, relay
 * them (the relayer sends, the signer signs), dry-run them to read the custom error they revert
 * with, and read its state back through the public getters.
 */
final class DeployedLedger {
  /** A deadline no test's block reaches: 2100-01-01. */
  static final Instant LATER = Instant.ofEpochSecond(4_102_444_800L);

  private final AnvilLedgers chain;
  private final AivmLedger contract;
  private final LedgerDomain domain;

  DeployedLedger(AnvilLedgers chain, AivmLedger contract) {
    this.chain = chain;
    this.contract = contract;
    this.domain = new LedgerDomain(AnvilNode.CHAIN_ID, Address.of(contract.getContractAddress()));
  }

  /** The contract, its transactions sent by the relayer. */
  AivmLedger contract() {
    return contract;
  }

  /** The domain the SDK signs this ledger's requests in. */
  LedgerDomain domain() {
    return domain;
  }

  /** The contract, its transactions sent by {@code sender}: the direct form acts for the sender. */
  AivmLedger sentBy(DevAccount sender) {
    return chain.load(contract.getContractAddress(), sender);
  }

  /** The signer's next nonce, as the contract counts it. */
  long nonce(DevAccount signer) throws Exception {
    return contract.nonces(signer.hex()).send().longValueExact();
  }

  /** {@code action} signed by {@code signer} with the SDK, with its next nonce and a far deadline. */
  LedgerRequest sign(LedgerAction action, DevAccount signer) throws Exception {
    return sign(action, signer, nonce(signer), LATER);
  }

  LedgerRequest sign(LedgerAction action, DevAccount signer, long nonce, Instant deadline) {
    return LedgerRequest.sign(action, signer.signer(), domain, nonce, deadline);
  }

  /** Signs {@code action} as {@code signer} and relays it; fails the test unless it applies. */
  TransactionReceipt submit(LedgerAction action, DevAccount signer) throws Exception {
    return relay(sign(action, signer));
  }

  /** Relays {@code request}; fails the test unless it applies. */
  TransactionReceipt relay(LedgerRequest request) throws Exception {
    TransactionReceipt receipt = ContractCalls.relayed(contract, request).send();
    assertTrue(receipt.isStatusOK(), () -> request + " did not apply: " + receipt);
    return receipt;
  }

  /** The error {@code action}, signed by {@code signer} with its next nonce, reverts with. */
  ContractError rejection(LedgerAction action, DevAccount signer) throws Exception {
    return rejection(sign(action, signer));
  }

  /** The error relaying {@code request} reverts with. */
  ContractError rejection(LedgerRequest request) throws Exception {
    return rejection(ContractCalls.relayed(contract, request));
  }

  /** The error {@code call}, sent by the relayer, reverts with: see {@link #rejection(RemoteFunctionCall, DevAccount)}. */
  ContractError rejection(RemoteFunctionCall<?> call) throws Exception {
    return rejection(call, DevAccount.RELAYER);
  }

  /** The error {@code call}, sent by {@code sender}, reverts with; fails the test when it would apply. */
  ContractError rejection(RemoteFunctionCall<?> call, DevAccount sender) throws Exception {
    return dryRun(call, sender).orElseGet(() -> fail("expected a revert, but the call applies"));
  }

  /** What {@code action}, signed by {@code signer} with its next nonce, would do: empty when it applies. */
  Optional<ContractError> dryRun(LedgerAction action, DevAccount signer) throws Exception {
    return dryRun(ContractCalls.relayed(contract, sign(action, signer)), DevAccount.RELAYER);
  }

  /**
   * The error {@code call}, sent by {@code sender}, would revert with, or empty when it would
   * apply: an {@code eth_call} of the same transaction against the pending block (the one a
   * transaction sent now would be mined in). Changes nothing on chain.
   */
  Optional<ContractError> dryRun(RemoteFunctionCall<?> call, DevAccount sender) throws Exception {
    EthCall answer = chain.web3j().ethCall(
        Transaction.createEthCallTransaction(sender.hex(), contract.getContractAddress(), call.encodeFunctionCall()),
        DefaultBlockParameterName.PENDING).send();
    if (!answer.hasError()) {
      return Optional.empty();
    }
    // web3j keeps the error's data as raw JSON: a quoted hex string.
    return Optional.of(ContractError.decode(answer.getError().getData().replace("\"", "")));
  }

  /**
   * Sends {@code call} from the relayer in a transaction that is mined and reverts; fails the test
   * when it applies.
   */
  TransactionReceipt mineRejected(RemoteFunctionCall<TransactionReceipt> call) throws Exception {
    TransactionReceipt receipt = chain.mine(contract.getContractAddress(), call.encodeFunctionCall(), DevAccount.RELAYER);
    assertFalse(receipt.isStatusOK(), () -> "expected the transaction to revert: " + receipt);
    return receipt;
  }

  /** The contract's key of a model or version name: keccak-256 of its text. */
  static byte[] key(String name) {
    return Keccak256.digest(name.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code models(key)}: owner, epoch, threshold, isPrivate. */
  Tuple4<String, BigInteger, BigInteger, Boolean> model(String model) throws Exception {
    return contract.models(key(model)).send();
  }

  /** {@code versions(modelKey, versionKey)}: manifest hash, published at, deprecated. */
  Tuple3<byte[], BigInteger, Boolean> version(String model, String version) throws Exception {
    return contract.versions(key(model), key(version)).send();
  }

  /** {@code grants(modelKey, node)}: epoch, exists, limited. */
  Tuple3<BigInteger, Boolean, Boolean> grant(String model, DevAccount node) throws Exception {
    return contract.grants(key(model), node.hex()).send();
  }

  boolean isAuthorized(String model, DevAccount node, String version) throws Exception {
    return contract.isAuthorized(model, node.hex(), version).send();
  }

  boolean isNode(DevAccount node) throws Exception {
    return contract.isNode(node.hex()).send();
  }

  int rating(String model, String version, DevAccount reviewer) throws Exception {
    return contract.ratings(key(model), key(version), reviewer.hex()).send().intValueExact();
  }
}
