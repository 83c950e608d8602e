package ai.nesa.aivm.benchmarks.chain;

import ai.nesa.aivm.chain.internal.contracts.AivmLedger;
import ai.nesa.aivm.chain.testing.AnvilNode;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * An account of the scenario with a key derived from its label, so that every run signs and sends
 * the same bytes (calldata gas depends on how many of them are zero): an SDK signer for relayed
 * requests and a web3j sender for direct ones.
 */
final class Actor {
  private static final String ONE_HUNDRED_ETH = "0x56bc75e2d63100000";

  private final String label;
  private final byte[] secret;
  private final EthSigner signer;

  private Actor(String label, byte[] secret) {
    this.label = label;
    this.secret = secret;
    this.signer = EthSigner.of(EthPrivateKey.fromBytes(secret));
  }

  /** The account whose key is keccak-256 of {@code "aivm gas report: " + label}. */
  static Actor of(String label) {
    return new Actor(label, Keccak256.digest(("aivm gas report: " + label).getBytes(StandardCharsets.UTF_8)));
  }

  /** Anvil's dev account 0, funded from genesis: the deployer and the relayer. */
  static Actor anvilDev0() {
    return new Actor("anvil dev 0", Hex.decode(AnvilNode.DEV_KEY_0));
  }

  String label() {
    return label;
  }

  EthSigner signer() {
    return signer;
  }

  Address address() {
    return signer.address();
  }

  /** The address as web3j takes it. */
  String hex() {
    return signer.address().hex();
  }

  /** A second key from the same label, e.g. a node's encryption key beside its account key. */
  EthPrivateKey derivedKey(String purpose) {
    return EthPrivateKey.fromBytes(Keccak256.digest(secret, purpose.getBytes(StandardCharsets.UTF_8)));
  }

  /** Gives the account 100 ETH on anvil ({@code anvil_setBalance}), so it can send directly. */
  void fund(AnvilNode anvil) throws IOException, InterruptedException {
    String answer = anvil.rpc("anvil_setBalance", "[\"" + hex() + "\",\"" + ONE_HUNDRED_ETH + "\"]");
    if (answer.contains("\"error\"")) {
      throw new IllegalStateException("anvil_setBalance for " + label + ": " + answer);
    }
  }

  /** The ledger at {@code contract} with this account as the sender of its transactions. */
  AivmLedger ledger(Web3j web3j, String contract, ContractGasProvider gas) {
    return AivmLedger.load(contract, web3j, transactions(web3j), gas);
  }

  /** Signs with this account; anvil mines each transaction at once, so receipts are polled every 50 ms. */
  RawTransactionManager transactions(Web3j web3j) {
    return new RawTransactionManager(web3j, Credentials.create(Hex.encode(secret)), AnvilNode.CHAIN_ID,
        new PollingTransactionReceiptProcessor(web3j, 50, 200));
  }

  @Override
  public String toString() {
    return label + " " + signer.address();
  }
}
