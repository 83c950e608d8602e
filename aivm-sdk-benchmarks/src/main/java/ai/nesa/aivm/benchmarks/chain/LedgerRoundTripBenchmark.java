package ai.nesa.aivm.benchmarks.chain;

import ai.nesa.aivm.benchmarks.Timing;
import ai.nesa.aivm.chain.Web3jLedger;
import ai.nesa.aivm.chain.internal.contracts.AivmLedger;
import ai.nesa.aivm.chain.internal.contracts.ContractCalls;
import ai.nesa.aivm.chain.testing.AnvilNode;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * What {@link Web3jLedger} costs over plain web3j on anvil, in one run: a relayed request
 * submitted and settled, and a read of one model.
 *
 * <pre>
 * java -cp aivm-sdk-benchmarks/target/benchmarks.jar ai.nesa.aivm.benchmarks.chain.LedgerRoundTripBenchmark [calls per round] [rounds]
 * </pre>
 *
 * <p>Both sides talk to the same anvil 1.7.1 (mining a block per transaction) on 127.0.0.1:
 *
 * <ul>
 *   <li><b>submit</b>: a signed {@code RegisterModel} request of a new model. Raw: what a careful
 *       web3j user writes, {@code eth_estimateGas} (for the limit, and to see a revert), {@code
 *       RawTransactionManager.sendTransaction} with the same calldata, and a receipt polled every
 *       millisecond. SDK: {@code ledger.submit(request)}, which does the same estimate and send
 *       (EIP-1559 fees), polls as often, and then reads the new block's event into its view to
 *       answer with the event's sequence. Each side has its own relayer account and signer.
 *   <li><b>read</b>: one model by name. Raw: {@code eth_call} of the contract's {@code models(key)}
 *       getter (owner, epoch, threshold, access: what the contract stores). SDK: {@code
 *       ledger.model(id)}, which first checks the chain's head ({@code eth_getBlockByNumber}) and
 *       then answers the whole record from its view.
 * </ul>
 *
 * <p>After a warm-up, {@code rounds} rounds (default 7) of {@code calls} calls of each side
 * (default 60 submits, and ten times as many reads), interleaved call by call, each timed alone.
 * Reported: each side's p50 over all rounds, and the SDK's over raw's. No target is set for these;
 * the run fails only when an answer is wrong.
 */
public final class LedgerRoundTripBenchmark {
  private static final EthSigner SDK_RELAYER = signer("0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");
  private static final String RAW_RELAYER_KEY = "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97";
  private static final EthSigner SDK_SIGNER = signer("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final EthSigner RAW_SIGNER = signer("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final Instant DEADLINE = Instant.parse("2100-01-01T00:00:00Z");
  private static final int WARMUP = 30;

  private LedgerRoundTripBenchmark() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    try (AnvilNode anvil = AnvilNode.start()) {
      run(anvil, calls, rounds, System.out);
    }
  }

  /** What one run measured: p50s in nanoseconds. */
  record Result(long submitRaw, long submitSdk, long readRaw, long readSdk) {
    double submitRatio() {
      return (double) submitSdk / submitRaw;
    }

    double readRatio() {
      return (double) readSdk / readRaw;
    }
  }

  static Result run(AnvilNode anvil, int calls, int rounds, PrintStream out) throws Exception {
    Web3j web3j = Web3j.build(new HttpService(anvil.url().toString()));
    try (Web3jLedger ledger = Web3jLedger.builder().rpc(anvil.url()).relayer(SDK_RELAYER).pollInterval(Duration.ofMillis(1))
        .deploy()) {
      Raw raw = new Raw(web3j, ledger);
      int[] next = {0};
      for (int i = 0; i < WARMUP; i++) {
        sdkSubmit(ledger, next[0]++);
        raw.submit(next[0]++);
      }
      ModelId known = ModelId.of("bench/model-0");
      byte[] knownKey = Keccak256.digest(known.toString().getBytes(StandardCharsets.UTF_8));
      for (int i = 0; i < WARMUP * 10; i++) {
        ledger.model(known).orElseThrow();
        raw.read(knownKey);
      }
      long[] submitRaw = new long[calls * rounds];
      long[] submitSdk = new long[calls * rounds];
      long[] readRaw = new long[calls * rounds * 10];
      long[] readSdk = new long[calls * rounds * 10];
      int s = 0;
      int r = 0;
      for (int round = 0; round < rounds; round++) {
        for (int i = 0; i < calls; i++, s++) {
          boolean sdkFirst = (i + round) % 2 == 0;
          if (sdkFirst) {
            submitSdk[s] = Timing.time(() -> sdkSubmit(ledger, next[0]++));
            submitRaw[s] = Timing.time(() -> raw.submit(next[0]++));
          } else {
            submitRaw[s] = Timing.time(() -> raw.submit(next[0]++));
            submitSdk[s] = Timing.time(() -> sdkSubmit(ledger, next[0]++));
          }
        }
        for (int i = 0; i < calls * 10; i++, r++) {
          boolean sdkFirst = (i + round) % 2 == 0;
          if (sdkFirst) {
            readSdk[r] = Timing.time(() -> ledger.model(known).orElseThrow());
            readRaw[r] = Timing.time(() -> raw.read(knownKey));
          } else {
            readRaw[r] = Timing.time(() -> raw.read(knownKey));
            readSdk[r] = Timing.time(() -> ledger.model(known).orElseThrow());
          }
        }
      }
      Result result = new Result(Timing.median(submitRaw), Timing.median(submitSdk), Timing.median(readRaw),
          Timing.median(readSdk));
      out.printf(Locale.ROOT, "ledger round trips on anvil, %d rounds, p50 of %d submits and %d reads a side%n", rounds,
          submitRaw.length, readRaw.length);
      out.printf(Locale.ROOT, "submit  raw web3j %8.3f ms   Web3jLedger %8.3f ms   ratio %.3f%n", result.submitRaw / 1e6,
          result.submitSdk / 1e6, result.submitRatio());
      out.printf(Locale.ROOT, "read    raw web3j %8.3f ms   Web3jLedger %8.3f ms   ratio %.3f%n", result.readRaw / 1e6,
          result.readSdk / 1e6, result.readRatio());
      return result;
    } finally {
      web3j.shutdown();
    }
  }

  private static void sdkSubmit(Web3jLedger ledger, int n) {
    LedgerRequest request = sign(SDK_SIGNER, ledger, n);
    LedgerReceipt receipt = ledger.submit(request);
    if (receipt.status() != LedgerReceipt.Status.APPLIED) {
      throw new IllegalStateException("the SDK's request did not apply: " + receipt);
    }
  }

  private static LedgerRequest sign(EthSigner signer, Web3jLedger ledger, int n) {
    // Each side counts its signer's nonces itself: the benchmark times the submit, not a nonce read.
    return LedgerRequest.sign(new LedgerAction.RegisterModel(ModelId.of("bench/model-" + n), Access.PUBLIC), signer,
        ledger.domain(), Nonces.next(signer), DEADLINE);
  }

  /** The raw side: web3j's own transaction manager and receipt poller, and a getter call. */
  private static final class Raw {
    private final Web3j web3j;
    private final Web3jLedger ledger;
    private final RawTransactionManager sender;
    private final PollingTransactionReceiptProcessor receipts;
    private final AivmLedger contract;

    Raw(Web3j web3j, Web3jLedger ledger) {
      this.web3j = web3j;
      this.ledger = ledger;
      this.receipts = new PollingTransactionReceiptProcessor(web3j, 1, 10_000);
      this.sender = new RawTransactionManager(web3j, Credentials.create(RAW_RELAYER_KEY), AnvilNode.CHAIN_ID, receipts);
      this.contract = AivmLedger.load(ledger.contract().hex(), web3j, sender,
          new DefaultGasProvider());
    }

    void submit(int n) {
      try {
        String data = ContractCalls.relayed(contract, sign(RAW_SIGNER, ledger, n)).encodeFunctionCall();
        String to = ledger.contract().hex();
        BigInteger gas = web3j.ethEstimateGas(Transaction.createEthCallTransaction(sender.getFromAddress(), to, data))
            .send().getAmountUsed();
        BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
        EthSendTransaction sent = sender.sendTransaction(gasPrice, gas.multiply(BigInteger.valueOf(12)).divide(BigInteger.TEN),
            to, data, BigInteger.ZERO);
        if (sent.hasError()) {
          throw new IllegalStateException("raw send refused: " + sent.getError().getMessage());
        }
        TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
        if (!receipt.isStatusOK()) {
          throw new IllegalStateException("the raw request reverted: " + receipt);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    void read(byte[] key) {
      try {
        String answer = web3j.ethCall(Transaction.createEthCallTransaction(null, ledger.contract().hex(),
            contract.models(key).encodeFunctionCall()), DefaultBlockParameterName.LATEST).send().getValue();
        if (answer.length() < 2 + 64 * 4) {
          throw new IllegalStateException("models(key) answered " + answer);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Each signer's next request nonce, counted here. */
  private static final class Nonces {
    private static final Map<Address, Long> NEXT = new HashMap<>();

    static synchronized long next(EthSigner signer) {
      return NEXT.merge(signer.address(), 1L, Long::sum) - 1;
    }
  }

  private static EthSigner signer(String hex) {
    return EthSigner.of(EthPrivateKey.fromBytes(Hex.decode(hex)));
  }
}
