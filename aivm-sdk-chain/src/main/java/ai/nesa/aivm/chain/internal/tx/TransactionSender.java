package ai.nesa.aivm.chain.internal.tx;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends EIP-1559 transactions from one account, from any number of threads, with no nonce gap and
 * no nonce used twice: the nonce is taken and the signed transaction handed to the node under one
 * lock, so the node sees nonces in order, and a nonce whose transaction the node refused is given
 * to the next transaction instead of being skipped. A node that says a nonce is already used (the
 * account sent from elsewhere) makes the sender read the account's pending count again and retry
 * once. Waiting for receipts happens outside the lock.
 *
 * <p>Fees: the tip is the node's {@code eth_maxPriorityFeePerGas}; the cap is twice the latest
 * block's base fee plus the tip, which survives six full blocks of base-fee increases. Gas limits
 * are the node's estimate plus {@value #GAS_HEADROOM_PERCENT} %.
 */
public final class TransactionSender {
  /** Added to the node's gas estimate, in percent. */
  public static final int GAS_HEADROOM_PERCENT = 20;

  private final Web3j web3j;
  private final Credentials credentials;
  private final long chainId;
  private final ReentrantLock sending = new ReentrantLock();
  private BigInteger nextNonce;

  public TransactionSender(Web3j web3j, Credentials credentials, long chainId) {
    this.web3j = web3j;
    this.credentials = credentials;
    this.chainId = chainId;
  }

  /** The sending account's address. */
  public Address from() {
    return Address.of(credentials.getAddress());
  }

  /**
   * Sends a call of {@code data} to {@code to}, with a gas limit estimated with headroom.
   *
   * @throws AivmIoException when the node cannot be reached or refuses the transaction
   */
  public SentTransaction send(String to, String data) {
    BigInteger gas = estimateGas(to, data);
    return send(to, data, gas.add(gas.multiply(BigInteger.valueOf(GAS_HEADROOM_PERCENT)).divide(BigInteger.valueOf(100))));
  }

  /**
   * Sends a call of {@code data} to {@code to} with this gas limit.
   *
   * @throws AivmIoException when the node cannot be reached or refuses the transaction
   */
  public SentTransaction send(String to, String data, BigInteger gasLimit) {
    BigInteger tip = call(web3j.ethMaxPriorityFeePerGas(), "eth_maxPriorityFeePerGas").getMaxPriorityFeePerGas();
    EthBlock.Block latest = call(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false), "eth_getBlockByNumber")
        .getBlock();
    BigInteger maxFee = latest.getBaseFeePerGas().multiply(BigInteger.TWO).add(tip);
    sending.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        BigInteger nonce = nonce();
        RawTransaction raw = RawTransaction.createTransaction(chainId, nonce, gasLimit, to, BigInteger.ZERO, data, tip,
            maxFee);
        String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, credentials));
        EthSendTransaction answer;
        try {
          answer = web3j.ethSendRawTransaction(signed).send();
        } catch (IOException e) {
          // Not known to have reached the pool: the next transaction takes this nonce.
          throw new AivmIoException("could not send a transaction to " + to + ": " + e.getMessage(), e);
        }
        if (!answer.hasError()) {
          nextNonce = nonce.add(BigInteger.ONE);
          return new SentTransaction(answer.getTransactionHash(), nonce, maxFee, tip);
        }
        String message = answer.getError().getMessage();
        if (attempt == 1 && isNonceTaken(message)) {
          nextNonce = null; // read the account's pending count again
          continue;
        }
        throw new AivmIoException("the node refused a transaction to " + to + " with nonce " + nonce + ": " + message);
      }
    } finally {
      sending.unlock();
    }
  }

  /**
   * Waits for the transaction's receipt and then for {@code confirmations} blocks in all (1: the
   * block that holds it), polling every {@code pollEvery}.
   *
   * @throws AivmTimeoutException when that has not happened within {@code timeout}
   */
  public TransactionReceipt awaitReceipt(String hash, int confirmations, Duration timeout, Duration pollEvery) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<TransactionReceipt> receipt = call(web3j.ethGetTransactionReceipt(hash), "eth_getTransactionReceipt")
          .getTransactionReceipt();
      if (receipt.isPresent()) {
        BigInteger needed = receipt.get().getBlockNumber().add(BigInteger.valueOf(confirmations - 1L));
        if (call(web3j.ethBlockNumber(), "eth_blockNumber").getBlockNumber().compareTo(needed) >= 0) {
          return receipt.get();
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AivmTimeoutException("transaction " + hash + " has " + (receipt.isPresent() ? "fewer than "
            + confirmations + " confirmations" : "no receipt") + " after " + timeout);
      }
      try {
        Thread.sleep(pollEvery.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AivmIoException("interrupted while waiting for transaction " + hash, e);
      }
    }
  }

  private BigInteger nonce() {
    if (nextNonce == null) {
      nextNonce = call(web3j.ethGetTransactionCount(credentials.getAddress(), DefaultBlockParameterName.PENDING),
          "eth_getTransactionCount").getTransactionCount();
    }
    return nextNonce;
  }

  private BigInteger estimateGas(String to, String data) {
    return call(web3j.ethEstimateGas(Transaction.createEthCallTransaction(credentials.getAddress(), to, data)), "eth_estimateGas")
        .getAmountUsed();
  }

  private static boolean isNonceTaken(String message) {
    String m = message.toLowerCase(java.util.Locale.ROOT);
    return m.contains("nonce too low") || m.contains("already known") || m.contains("nonce has already been used");
  }

  private static <T extends Response<?>> T call(org.web3j.protocol.core.Request<?, T> request, String what) {
    T answer;
    try {
      answer = request.send();
    } catch (IOException e) {
      throw new AivmIoException(what + " failed: " + e.getMessage(), e);
    }
    if (answer.hasError()) {
      throw new AivmIoException(what + " failed: " + answer.getError().getMessage());
    }
    return answer;
  }
}
