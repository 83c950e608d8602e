package ai.nesa.aivm.chain;

import ai.nesa.aivm.chain.testing.AnvilNode;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One anvil for a test class and what the ledger tests do with it: deploy a {@link Web3jLedger}
 * (sent and paid for by anvil's dev account 9, which signs no request), set the next block's time,
 * mine, reorganise.
 */
final class AnvilChain implements AutoCloseable {
  /** Anvil's dev account 9: the relayer (public knowledge, never for real funds). */
  static final EthSigner RELAYER = EthSigner.of(EthPrivateKey.fromBytes(
      Hex.decode("0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6")));

  private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");
  private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"");

  private final AnvilNode anvil;

  private AnvilChain(AnvilNode anvil) {
    this.anvil = anvil;
  }

  static AnvilChain start() throws IOException, InterruptedException {
    return new AnvilChain(AnvilNode.start());
  }

  AnvilNode node() {
    return anvil;
  }

  /** A ledger builder on this anvil with the relayer and quick polling. */
  Web3jLedger.Builder ledger() {
    return Web3jLedger.builder()
        .rpc(anvil.url())
        .relayer(RELAYER)
        .pollInterval(Duration.ofMillis(10))
        .receiptTimeout(Duration.ofSeconds(30));
  }

  /** The latest block's timestamp. */
  Instant latestBlockTime() {
    Matcher m = TIMESTAMP.matcher(rpc("eth_getBlockByNumber", "[\"latest\", false]"));
    if (!m.find()) {
      throw new IllegalStateException("no timestamp in the latest block");
    }
    return Instant.ofEpochSecond(Long.decode(m.group(1)));
  }

  /** The latest block's number. */
  long blockNumber() {
    Matcher m = RESULT.matcher(rpc("eth_blockNumber", "[]"));
    if (!m.find()) {
      throw new IllegalStateException("no block number");
    }
    return Long.decode(m.group(1));
  }

  /** Makes the next block's timestamp {@code time} (whole seconds; not before the latest block's). */
  void setNextBlockTime(Instant time) {
    rpc("evm_setNextBlockTimestamp", "[" + time.getEpochSecond() + "]");
  }

  /** Mines {@code blocks} empty blocks. */
  void mine(int blocks) {
    for (int i = 0; i < blocks; i++) {
      rpc("evm_mine", "[]");
    }
  }

  /** How many transactions wait in the pool. */
  int pendingTransactions() {
    Matcher m = Pattern.compile("\"pending\"\\s*:\\s*\"(0x[0-9a-fA-F]+)\"").matcher(rpc("txpool_status", "[]"));
    if (!m.find()) {
      throw new IllegalStateException("no pending count");
    }
    return Integer.decode(m.group(1));
  }

  /** Waits until {@code count} transactions wait in the pool. */
  void awaitPending(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (pendingTransactions() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("fewer than " + count + " transactions in the pool after 20 s");
      }
      Thread.sleep(10);
    }
  }

  /** Turns mining a block per transaction on or off. */
  void automine(boolean on) {
    rpc("evm_setAutomine", "[" + on + "]");
  }

  /**
   * Replaces the latest {@code depth} blocks by as many empty ones: their transactions are gone
   * (anvil's {@code anvil_reorg}).
   */
  void reorg(int depth) {
    rpc("anvil_reorg", "[" + depth + ", []]");
  }

  /** Answers the call or fails on a JSON-RPC error. */
  String rpc(String method, String params) {
    String answer;
    try {
      answer = anvil.rpc(method, params);
    } catch (IOException e) {
      throw new IllegalStateException(method + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " interrupted", e);
    }
    if (answer.contains("\"error\"")) {
      throw new IllegalStateException(method + " " + params + ": " + answer);
    }
    return answer;
  }

  @Override
  public void close() {
    anvil.close();
  }
}
