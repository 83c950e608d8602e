package ai.nesa.aivm.chain.internal.contracts;

import ai.nesa.aivm.chain.testing.AnvilNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * One anvil for a test class, and fresh AivmLedger deployments on it through the generated wrapper.
 * Start it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 *
 * <pre>{@code
 * chain = AnvilLedgers.start();
 * DeployedLedger ledger = chain.deploy();
 * }</pre>
 */
final class AnvilLedgers implements AutoCloseable {
  private static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(15_000_000);
  private static final StaticGasProvider GAS = new StaticGasProvider(GAS_PRICE, GAS_LIMIT);

  private final AnvilNode anvil;
  private final Web3j web3j;
  private final Map<DevAccount, TransactionManager> senders = new EnumMap<>(DevAccount.class);

  private AnvilLedgers(AnvilNode anvil) {
    this.anvil = anvil;
    this.web3j = Web3j.build(new HttpService(anvil.url().toString()));
  }

  static AnvilLedgers start() throws IOException, InterruptedException {
    return new AnvilLedgers(AnvilNode.start());
  }

  /** A new ledger, deployed by the relayer. */
  DeployedLedger deploy() throws Exception {
    return new DeployedLedger(this, AivmLedger.deploy(web3j, sender(DevAccount.RELAYER), GAS).send());
  }

  /** The ledger at {@code address}, its transactions sent (and paid) by {@code sender}. */
  AivmLedger load(String address, DevAccount sender) {
    return AivmLedger.load(address, web3j, sender(sender), GAS);
  }

  /** Sends {@code data} to {@code to} from {@code sender} and returns the receipt, whether the transaction applied or reverted. */
  TransactionReceipt mine(String to, String data, DevAccount sender) throws Exception {
    EthSendTransaction sent = sender(sender).sendTransaction(GAS_PRICE, GAS_LIMIT, to, data, BigInteger.ZERO);
    if (sent.hasError()) {
      throw new IllegalStateException("eth_sendRawTransaction: " + sent.getError().getMessage());
    }
    return receipts().waitForTransactionReceipt(sent.getTransactionHash());
  }

  Web3j web3j() {
    return web3j;
  }

  /** The timestamp of the latest block, in Unix seconds. */
  long latestBlockTime() throws IOException {
    return web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock().getTimestamp()
        .longValueExact();
  }

  /** The timestamp of the block {@code receipt}'s transaction was mined in. */
  long blockTime(TransactionReceipt receipt) throws IOException {
    return web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(receipt.getBlockNumber()), false).send().getBlock()
        .getTimestamp().longValueExact();
  }

  /** Makes the next block's timestamp {@code seconds} (after the latest block's). */
  void setNextBlockTimestamp(long seconds) throws IOException, InterruptedException {
    String answer = anvil.rpc("evm_setNextBlockTimestamp", "[" + seconds + "]");
    if (answer.contains("\"error\"")) {
      throw new IllegalStateException("evm_setNextBlockTimestamp " + seconds + ": " + answer);
    }
  }

  private TransactionManager sender(DevAccount account) {
    return senders.computeIfAbsent(account,
        a -> new RawTransactionManager(web3j, a.credentials(), AnvilNode.CHAIN_ID, receipts()));
  }

  private PollingTransactionReceiptProcessor receipts() {
    // anvil mines each transaction at once (if not always before it answers): poll every 50 ms, not web3j's 15 s.
    return new PollingTransactionReceiptProcessor(web3j, 50, 200);
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }
}
