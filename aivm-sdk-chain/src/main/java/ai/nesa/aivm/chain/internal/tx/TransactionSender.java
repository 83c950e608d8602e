package ai.nesa.aivm.chain.internal.tx;

import ai.nesa.aivm.chain.internal.rpc.Rpc;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.Signature;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Sends EIP-1559 transactions from one account, from any number of threads, with no nonce gap and
 * no nonce used twice: the nonce is taken and the signed transaction handed to the node under one
 * lock, so the node sees nonces in order, and a nonce whose transaction the node refused is given
 * to the next transaction instead of being skipped. A node that says a nonce is in use (the account
 * sent from elsewhere, or a send that failed on the way back had reached the pool after all) makes
 * the sender read the account's pending count again and retry once. Waiting for receipts happens
 * outside the lock.
 *
 * <p>A transaction that is not mined because the node does not hold one of a lower nonce (a
 * reorganisation dropped it, or the node restarted and lost its pool) would wait for ever: while
 * waiting, the sender notices that gap and sends the missing transactions again, byte for byte as
 * signed before (it remembers its last {@value #REMEMBERED} transactions), and its own if the node
 * lost it too.
 *
 * <p>Transactions are signed by an {@link EthSigner}: the account's key never leaves it, and a
 * remote or hardware signer works as well as a local key.
 *
 * <p>Fees: the tip is the node's {@code eth_maxPriorityFeePerGas}; the cap is twice the latest
 * block's base fee plus the tip, which survives six full blocks of base-fee increases, and never
 * more than the optional fee cap. Gas limits are the node's estimate plus {@value
 * #GAS_HEADROOM_PERCENT} %. A transaction still unmined after a while is {@linkplain
 * #replace(SentTransaction) replaced}: the same nonce, gas and call at fees {@value
 * #REPLACEMENT_BUMP_PERMILLE}‰ of the old ones at least (nodes want 10 % more on both), so that
 * exactly one of the two can be mined.
 */
public final class TransactionSender {
  /** Added to the node's gas estimate, in percent. */
  public static final int GAS_HEADROOM_PERCENT = 20;
  /** A replacement's fees against the transaction it replaces, in per mille. */
  public static final int REPLACEMENT_BUMP_PERMILLE = 1125;

  /** How many of its latest transactions, by nonce, the sender remembers to send again. */
  public static final int REMEMBERED = 1024;

  /** How often a wait checks that the node still holds what comes before its transaction. */
  private static final Duration GAP_CHECK_EVERY = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(TransactionSender.class);
  private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

  private final Web3j web3j;
  private final EthSigner signer;
  private final long chainId;
  private final BigInteger feeCap;
  private final ReentrantLock sending = new ReentrantLock();
  private BigInteger nextNonce;
  /** The latest transaction sent under each recent nonce; guarded by the map itself. */
  private final NavigableMap<BigInteger, SentTransaction> recent = new TreeMap<>();

  /**
   * A sender for {@code signer}'s account on chain {@code chainId}.
   *
   * @param feeCap the most any transaction pays per gas, in wei; null for no cap
   */
  public TransactionSender(Web3j web3j, EthSigner signer, long chainId, BigInteger feeCap) {
    this.web3j = Objects.requireNonNull(web3j, "web3j");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.chainId = chainId;
    this.feeCap = feeCap;
  }

  /** A sender with no fee cap. */
  public TransactionSender(Web3j web3j, EthSigner signer, long chainId) {
    this(web3j, signer, chainId, null);
  }

  /** The sending account's address. */
  public Address from() {
    return signer.address();
  }

  /**
   * The node's gas estimate for a call of {@code data} to {@code to} (null: a contract creation)
   * from this account: the call runs, so a call that would revert throws with its revert data.
   *
   * @throws ai.nesa.aivm.chain.internal.rpc.RevertedCall when the call would revert
   * @throws AivmIoException when the node cannot be reached
   */
  public BigInteger estimateGas(String to, String data) {
    return Rpc.call(web3j.ethEstimateGas(Transaction.createEthCallTransaction(from().hex(), to, data)))
        .getAmountUsed();
  }

  /**
   * Sends a call of {@code data} to {@code to} (null: a contract creation), with a gas limit
   * estimated with headroom.
   *
   * @throws ai.nesa.aivm.chain.internal.rpc.RevertedCall when the estimate shows the call would revert
   * @throws AivmIoException when the node cannot be reached or refuses the transaction
   */
  public SentTransaction send(String to, String data) {
    return send(to, data, withHeadroom(estimateGas(to, data)));
  }

  /** {@code gas} plus {@value #GAS_HEADROOM_PERCENT} %. */
  public static BigInteger withHeadroom(BigInteger gas) {
    return gas.add(gas.multiply(BigInteger.valueOf(GAS_HEADROOM_PERCENT)).divide(BigInteger.valueOf(100)));
  }

  /**
   * Sends a call of {@code data} to {@code to} (null: a contract creation) with this gas limit.
   *
   * @throws AivmIoException when the node cannot be reached or refuses the transaction; when the
   *     failure is on the way back the transaction may have reached the pool all the same
   */
  public SentTransaction send(String to, String data, BigInteger gasLimit) {
    BigInteger tip = currentTip();
    BigInteger maxFee = capped(baseFee().multiply(BigInteger.TWO).add(tip));
    tip = tip.min(maxFee);
    sending.lock();
    try {
      for (int attempt = 1; ; attempt++) {
        BigInteger nonce = nonce();
        Submitted submitted = submit(nonce, to, data, gasLimit, maxFee, tip);
        Optional<String> refusal = submitted.refusal();
        if (refusal.isEmpty()) {
          nextNonce = nonce.add(BigInteger.ONE);
          return submitted.transaction();
        }
        if (attempt == 1 && isNonceTaken(refusal.get())) {
          nextNonce = null; // read the account's pending count again
          continue;
        }
        throw new AivmIoException("the node refused a transaction to " + where(to) + " with nonce " + nonce + ": "
            + refusal.get());
      }
    } finally {
      sending.unlock();
    }
  }

  /**
   * Sends {@code stuck} again under its nonce with higher fees: at least {@value
   * #REPLACEMENT_BUMP_PERMILLE}‰ of its own, and what the chain asks now if that is more.
   *
   * @return the replacement; empty when nothing was sent because the nonce is used already (one of
   *     the transactions sent under it was mined) or the fee cap leaves no room for a higher fee
   * @throws AivmIoException when the node cannot be reached or refuses the replacement otherwise
   */
  public Optional<SentTransaction> replace(SentTransaction stuck) {
    BigInteger tip = bumped(stuck.maxPriorityFeePerGas()).max(currentTip());
    BigInteger wanted = bumped(stuck.maxFeePerGas()).max(baseFee().multiply(BigInteger.TWO).add(tip));
    BigInteger maxFee = capped(wanted);
    if (maxFee.compareTo(bumped(stuck.maxFeePerGas())) < 0) {
      log.warn("transaction {} is not mined, and the fee cap of {} wei per gas leaves no room to replace it", stuck.hash(),
          feeCap);
      return Optional.empty();
    }
    tip = tip.min(maxFee);
    Submitted submitted = submit(stuck.nonce(), stuck.to(), stuck.data(), stuck.gasLimit(), maxFee, tip);
    if (submitted.refusal().isPresent()) {
      if (isNonceTaken(submitted.refusal().get())) {
        return Optional.empty();
      }
      throw new AivmIoException("the node refused to replace transaction " + stuck.hash() + ": "
          + submitted.refusal().get());
    }
    SentTransaction replacement = submitted.transaction();
    log.debug("replaced {} by {} (max fee {} -> {} wei per gas)", stuck.hash(), replacement.hash(), stuck.maxFeePerGas(),
        maxFee);
    return Optional.of(replacement);
  }

  /**
   * Waits until one of {@code sent} (transactions under one nonce: the first and its replacements,
   * in the order they were sent) is mined and has {@code
   * confirmations} blocks in all (1: the block that holds it), and its receipt is still there once
   * counted (a reorganisation deeper than the count moves or drops it: the wait goes on). When none
   * is mined for {@code replaceAfter}, the last is {@linkplain #replace replaced} and {@code
   * onReplacement} told of the new one.
   *
   * @param replaceAfter how long a transaction may stay unmined before it is replaced; null never
   * @return the mined transaction's receipt (its status may be a revert)
   * @throws AivmTimeoutException when that has not happened within {@code timeout}
   */
  public TransactionReceipt await(List<SentTransaction> sentUnderOneNonce, int confirmations, Duration timeout,
      Duration pollEvery, Duration replaceAfter, Consumer<SentTransaction> onReplacement) {
    return await(sentUnderOneNonce, confirmations, timeout, pollEvery, replaceAfter, onReplacement, true);
  }

  private TransactionReceipt await(List<SentTransaction> sentUnderOneNonce, int confirmations, Duration timeout,
      Duration pollEvery, Duration replaceAfter, Consumer<SentTransaction> onReplacement, boolean fillGaps) {
    List<SentTransaction> sent = new ArrayList<>(sentUnderOneNonce);
    SentTransaction first = sent.get(0);
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastSent = System.nanoTime();
    long lastGapCheck = Long.MIN_VALUE;
    while (true) {
      Optional<TransactionReceipt> receipt = receipt(sent);
      if (receipt.isPresent() && isConfirmed(receipt.get(), confirmations)) {
        return receipt.get();
      }
      if (receipt.isEmpty() && fillGaps && (lastGapCheck == Long.MIN_VALUE
          || System.nanoTime() - lastGapCheck >= GAP_CHECK_EVERY.toNanos())) {
        lastGapCheck = System.nanoTime();
        fillGap(sent.get(sent.size() - 1));
      }
      if (receipt.isEmpty() && replaceAfter != null && System.nanoTime() - lastSent >= replaceAfter.toNanos()) {
        Optional<SentTransaction> replacement = replace(sent.get(sent.size() - 1));
        replacement.ifPresent(r -> {
          sent.add(r);
          onReplacement.accept(r);
        });
        lastSent = System.nanoTime();
      }
      if (System.nanoTime() > deadline) {
        throw new AivmTimeoutException("transaction " + first.hash() + (sent.size() > 1 ? " (and " + (sent.size() - 1)
            + " replacement(s))" : "") + " has " + (receipt.isPresent() ? "fewer than " + confirmations
            + " confirmations" : "no receipt") + " after " + timeout);
      }
      sleep(pollEvery, first.hash());
    }
  }

  /** {@link #await} of a transaction known only by its hash: never replaced or sent again. */
  public TransactionReceipt awaitReceipt(String hash, int confirmations, Duration timeout, Duration pollEvery) {
    SentTransaction only = new SentTransaction(hash, BigInteger.ZERO, null, "0x", BigInteger.ZERO, BigInteger.ZERO,
        BigInteger.ZERO, "0x");
    return await(List.of(only), confirmations, timeout, pollEvery, null, r -> {}, false);
  }

  /**
   * Sends again what the node lost below or at {@code waiting}'s nonce: when the account's pending
   * count (mined plus executable in the pool) is not past the nonce, the transactions remembered for
   * the missing nonces, {@code waiting} last, byte for byte as signed before.
   */
  private void fillGap(SentTransaction waiting) {
    BigInteger pending = Rpc.call(web3j.ethGetTransactionCount(from().hex(), DefaultBlockParameterName.PENDING))
        .getTransactionCount();
    if (pending.compareTo(waiting.nonce()) > 0) {
      return;
    }
    List<SentTransaction> missing;
    synchronized (recent) {
      missing = new ArrayList<>(recent.subMap(pending, true, waiting.nonce(), false).values());
    }
    missing.add(waiting);
    for (SentTransaction t : missing) {
      EthSendTransaction answer;
      try {
        answer = web3j.ethSendRawTransaction(t.signed()).send();
      } catch (IOException e) {
        return; // the next poll tries again
      }
      log.debug("sent {} again (nonce {}): the node held no transaction of nonce {}{}", t.hash(), t.nonce(), pending,
          answer.hasError() ? "; it answered " + answer.getError().getMessage() : "");
    }
  }

  /** The receipt of whichever of {@code sent} was mined, if one was. */
  public Optional<TransactionReceipt> receipt(List<SentTransaction> sent) {
    for (SentTransaction t : sent) {
      Optional<TransactionReceipt> receipt = Rpc.call(web3j.ethGetTransactionReceipt(t.hash())).getTransactionReceipt();
      if (receipt.isPresent()) {
        return receipt;
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code receipt}'s block has {@code confirmations} blocks in all and still holds the
   * transaction.
   */
  public boolean isConfirmed(TransactionReceipt receipt, int confirmations) {
    BigInteger needed = receipt.getBlockNumber().add(BigInteger.valueOf(confirmations - 1L));
    if (Rpc.call(web3j.ethBlockNumber()).getBlockNumber().compareTo(needed) < 0) {
      return false;
    }
    if (confirmations == 1) {
      return true;
    }
    Optional<TransactionReceipt> again = Rpc.call(web3j.ethGetTransactionReceipt(receipt.getTransactionHash()))
        .getTransactionReceipt();
    return again.isPresent() && again.get().getBlockHash().equals(receipt.getBlockHash());
  }

  /** Signs and hands over one transaction: the transaction, and the node's refusal if it refused. */
  private Submitted submit(BigInteger nonce, String to, String data, BigInteger gasLimit, BigInteger maxFee,
      BigInteger tip) {
    byte[] signed = sign(RawTransaction.createTransaction(chainId, nonce, gasLimit, to == null ? "" : to,
        BigInteger.ZERO, data, tip, maxFee));
    EthSendTransaction answer;
    try {
      answer = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
    } catch (IOException e) {
      // Not known to have reached the pool: the next transaction takes this nonce.
      throw new AivmIoException("could not send a transaction to " + where(to) + ": " + e.getMessage(), e);
    }
    SentTransaction transaction = new SentTransaction(Numeric.toHexString(Keccak256.digest(signed)), nonce, to, data,
        gasLimit, maxFee, tip, Numeric.toHexString(signed));
    if (answer.hasError()) {
      return new Submitted(transaction, Optional.of(answer.getError().getMessage()));
    }
    synchronized (recent) {
      recent.put(nonce, transaction);
      while (recent.size() > REMEMBERED) {
        recent.pollFirstEntry();
      }
    }
    return new Submitted(transaction, Optional.empty());
  }

  private record Submitted(SentTransaction transaction, Optional<String> refusal) {}

  /** The signed transaction's bytes: the EIP-1559 payload's Keccak-256 signed by the account's signer. */
  private byte[] sign(RawTransaction raw) {
    Signature signature = signer.sign(Keccak256.hash(TransactionEncoder.encode(raw)));
    Sign.SignatureData data = new Sign.SignatureData((byte) signature.v(), Numeric.toBytesPadded(signature.r(), 32),
        Numeric.toBytesPadded(signature.s(), 32));
    return TransactionEncoder.encode(raw, data);
  }

  private BigInteger nonce() {
    if (nextNonce == null) {
      nextNonce = Rpc.call(web3j.ethGetTransactionCount(from().hex(), DefaultBlockParameterName.PENDING))
          .getTransactionCount();
    }
    return nextNonce;
  }

  private BigInteger currentTip() {
    return Rpc.call(web3j.ethMaxPriorityFeePerGas()).getMaxPriorityFeePerGas();
  }

  private BigInteger baseFee() {
    EthBlock.Block latest = Rpc.call(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
    return latest.getBaseFeePerGas();
  }

  private BigInteger capped(BigInteger maxFee) {
    return feeCap == null ? maxFee : maxFee.min(feeCap);
  }

  private static BigInteger bumped(BigInteger fee) {
    // Rounded up, so that a fee of 1 wei still grows.
    return fee.multiply(BigInteger.valueOf(REPLACEMENT_BUMP_PERMILLE)).add(THOUSAND.subtract(BigInteger.ONE))
        .divide(THOUSAND);
  }

  private static boolean isNonceTaken(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("nonce too low") || m.contains("already known") || m.contains("nonce has already been used")
        || m.contains("replacement transaction underpriced");
  }

  private static String where(String to) {
    return to == null ? "create a contract" : to;
  }

  private static void sleep(Duration pause, String hash) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AivmIoException("interrupted while waiting for transaction " + hash, e);
    }
  }
}
