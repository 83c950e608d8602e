package ai.nesa.aivm.chain.internal.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.chain.testing.AnvilNode;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;

/** One account sending from many threads on a real anvil: every transaction mined, no nonce gap, none twice. */
class TransactionSenderTest {
  /** anvil's dev account 5: public knowledge, never for real funds. */
  private static final EthSigner SIGNER =
      EthSigner.of(EthPrivateKey.fromBytes(Hex.decode("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba")));
  private static final String TO = "0x000000000000000000000000000000000000dEaD";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(20);

  private static AnvilNode anvil;
  private static Web3j web3j;

  @BeforeAll
  static void start() throws Exception {
    anvil = AnvilNode.start();
    web3j = Web3j.build(new HttpService(anvil.url().toString()));
  }

  @AfterEach
  void mineAgain() throws Exception {
    automine(true);
  }

  @AfterAll
  static void stop() {
    if (web3j != null) {
      web3j.shutdown();
    }
    if (anvil != null) {
      anvil.close();
    }
  }

  private static BigInteger pendingCount(String address) throws Exception {
    return web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send().getTransactionCount();
  }

  @Test
  void fiftyTransactionsFromEightThreadsAreAllMinedWithConsecutiveNonces() throws Exception {
    TransactionSender sender = new TransactionSender(web3j, SIGNER, AnvilNode.CHAIN_ID);
    BigInteger first = pendingCount(sender.from().toString());
    ExecutorService threads = Executors.newFixedThreadPool(8);
    List<Future<SentTransaction>> sent = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String data = "0x" + String.format("%064x", i);
      sent.add(threads.submit(() -> sender.send(TO, data)));
    }
    Set<BigInteger> nonces = new TreeSet<>();
    List<String> hashes = new ArrayList<>();
    for (Future<SentTransaction> f : sent) {
      SentTransaction t = f.get();
      nonces.add(t.nonce());
      hashes.add(t.hash());
    }
    threads.shutdown();
    assertEquals(50, nonces.size(), "no nonce twice");
    assertEquals(first, nonces.iterator().next());
    assertEquals(first.add(BigInteger.valueOf(49)), ((TreeSet<BigInteger>) nonces).last(), "no gap");
    for (String hash : hashes) {
      TransactionReceipt receipt = sender.awaitReceipt(hash, 1, TIMEOUT, POLL);
      assertTrue(receipt.isStatusOK(), hash);
    }
    assertEquals(first.add(BigInteger.valueOf(50)), pendingCount(sender.from().toString()));
  }

  @Test
  void aNonceTheNodeRefusedGoesToTheNextTransaction() throws Exception {
    TransactionSender sender = new TransactionSender(web3j, SIGNER, AnvilNode.CHAIN_ID);
    BigInteger before = pendingCount(sender.from().toString());
    // 1,000 gas is below any transaction's intrinsic 21,000: the node refuses it outright.
    assertThrows(AivmIoException.class, () -> sender.send(TO, "0x", BigInteger.valueOf(1_000)));
    SentTransaction next = sender.send(TO, "0x");
    assertEquals(before, next.nonce(), "the refused transaction's nonce is reused, not skipped");
    assertTrue(sender.awaitReceipt(next.hash(), 1, TIMEOUT, POLL).isStatusOK());
  }

  @Test
  void aNonceUsedBehindTheSendersBackIsReadAgain() throws Exception {
    TransactionSender sender = new TransactionSender(web3j, SIGNER, AnvilNode.CHAIN_ID);
    TransactionSender elsewhere = new TransactionSender(web3j, SIGNER, AnvilNode.CHAIN_ID);
    sender.awaitReceipt(sender.send(TO, "0x").hash(), 1, TIMEOUT, POLL);
    SentTransaction behind = elsewhere.send(TO, "0x");
    SentTransaction again = sender.send(TO, "0x");
    assertEquals(behind.nonce().add(BigInteger.ONE), again.nonce());
    assertTrue(sender.awaitReceipt(again.hash(), 1, TIMEOUT, POLL).isStatusOK());
  }

  @Test
  void confirmationsAreCountedInBlocksAndTheWaitHasADeadline() throws Exception {
    TransactionSender sender = new TransactionSender(web3j, SIGNER, AnvilNode.CHAIN_ID);
    SentTransaction t = sender.send(TO, "0x");
    TransactionReceipt mined = sender.awaitReceipt(t.hash(), 1, TIMEOUT, POLL);
    // anvil mines a block per transaction: two confirmations need one more block.
    assertThrows(AivmTimeoutException.class, () -> sender.awaitReceipt(t.hash(), 2, Duration.ofMillis(200), POLL));
    anvil.rpc("evm_mine", "[]");
    assertEquals(mined.getBlockNumber(), sender.awaitReceipt(t.hash(), 2, TIMEOUT, POLL).getBlockNumber());
  }
  @Test
  void theNodeRecoversTheSignersAccountFromEveryTransaction() throws Exception {
    TransactionSender sender = new TransactionSender(web3j, SIGNER, AnvilNode.CHAIN_ID);
    SentTransaction t = sender.send(TO, "0x1234");
    sender.awaitReceipt(t.hash(), 1, TIMEOUT, POLL);

    Transaction mined = web3j.ethGetTransactionByHash(t.hash()).send().getTransaction().orElseThrow();
    assertEquals(SIGNER.address().hex(), mined.getFrom(), "the signature recovers to the signer's account");
    assertEquals("0x2", mined.getType(), "an EIP-1559 transaction");
    assertEquals(t.hash(), mined.getHash(), "the hash the sender computed is the node's");
  }

  @Test
  void aReplacementTakesTheSameNonceAtHigherFeesAndOnlyItIsMined() throws Exception {
    TransactionSender sender = new TransactionSender(web3j, SIGNER, AnvilNode.CHAIN_ID);
    automine(false);
    SentTransaction stuck = sender.send(TO, "0x01");

    SentTransaction replacement = sender.replace(stuck).orElseThrow();
    anvil.rpc("evm_mine", "[]");

    assertEquals(stuck.nonce(), replacement.nonce());
    assertTrue(replacement.maxFeePerGas().multiply(BigInteger.valueOf(1000))
        .compareTo(stuck.maxFeePerGas().multiply(BigInteger.valueOf(1125))) >= 0, replacement + " vs " + stuck);
    assertTrue(replacement.maxPriorityFeePerGas().multiply(BigInteger.valueOf(1000))
        .compareTo(stuck.maxPriorityFeePerGas().multiply(BigInteger.valueOf(1125))) >= 0, replacement + " vs " + stuck);
    assertTrue(web3j.ethGetTransactionReceipt(replacement.hash()).send().getTransactionReceipt().isPresent());
    assertTrue(web3j.ethGetTransactionReceipt(stuck.hash()).send().getTransactionReceipt().isEmpty(),
        "the replaced transaction is gone");
    assertEquals(Optional.empty(), sender.replace(replacement), "a mined nonce has nothing left to replace");
  }

  @Test
  void awaitingReplacesATransactionLeftUnminedAndReturnsTheOneThatIsMined() throws Exception {
    TransactionSender sender = new TransactionSender(web3j, SIGNER, AnvilNode.CHAIN_ID);
    automine(false);
    SentTransaction stuck = sender.send(TO, "0x02");
    List<SentTransaction> replacements = new CopyOnWriteArrayList<>();
    CountDownLatch replaced = new CountDownLatch(1);
    ExecutorService waiter = Executors.newSingleThreadExecutor();
    try {
      Future<TransactionReceipt> mined = waiter.submit(() -> sender.await(List.of(stuck), 1, TIMEOUT, POLL,
          Duration.ofMillis(100), r -> {
            replacements.add(r);
            replaced.countDown();
          }));
      assertTrue(replaced.await(10, TimeUnit.SECONDS), "replaced after 100 ms unmined");
      anvil.rpc("evm_mine", "[]");

      TransactionReceipt receipt = mined.get(30, TimeUnit.SECONDS);
      assertTrue(replacements.stream().anyMatch(r -> r.hash().equals(receipt.getTransactionHash())), receipt.toString());
      assertTrue(receipt.isStatusOK());
    } finally {
      waiter.shutdownNow();
    }
  }

  @Test
  void aNonceHeldByAnotherTransactionInThePoolIsReadAgain() throws Exception {
    TransactionSender sender = new TransactionSender(web3j, SIGNER, AnvilNode.CHAIN_ID);
    TransactionSender elsewhere = new TransactionSender(web3j, SIGNER, AnvilNode.CHAIN_ID);
    sender.awaitReceipt(sender.send(TO, "0x").hash(), 1, TIMEOUT, POLL);
    automine(false);
    // Waiting in the pool under the nonce the first sender counts on: "replacement transaction underpriced".
    SentTransaction pooled = elsewhere.send(TO, "0x03");

    SentTransaction next = sender.send(TO, "0x04");
    anvil.rpc("evm_mine", "[]");

    assertEquals(pooled.nonce().add(BigInteger.ONE), next.nonce());
    assertTrue(sender.awaitReceipt(pooled.hash(), 1, TIMEOUT, POLL).isStatusOK());
    assertTrue(sender.awaitReceipt(next.hash(), 1, TIMEOUT, POLL).isStatusOK());
  }

  private static void automine(boolean on) throws Exception {
    String answer = anvil.rpc("evm_setAutomine", "[" + on + "]");
    assertTrue(!answer.contains("\"error\""), answer);
  }
}
