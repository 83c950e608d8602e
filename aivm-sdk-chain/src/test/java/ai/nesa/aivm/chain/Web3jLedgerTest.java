package ai.nesa.aivm.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.chain.internal.contracts.AivmLedger;
import ai.nesa.aivm.chain.internal.contracts.ContractCalls;
import ai.nesa.aivm.chain.internal.tx.TransactionSender;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerError.Code;
import ai.nesa.aivm.sdk.ledger.LedgerEvent;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.models.Access;
import ai.nesa.aivm.sdk.storage.ContentIds;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;

/**
 * What the {@link Web3jLedger} does beyond the SPI's conformance suite, on anvil: refusals found
 * before sending and after mining, requests left unmined, replaced, or waiting for confirmations,
 * reorganisations, connecting to a deployed contract, read-only ledgers, direct calls and batches,
 * and changes the view cannot hold.
 */
class Web3jLedgerTest extends OnAnvilLedgerTest {
  /** Anvil's dev accounts 0 to 3 (public knowledge, never for real funds); 9 relays. */
  private static final EthPrivateKey OWNER = key("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  private static final String STRANGER_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  private static final EthPrivateKey STRANGER = key(STRANGER_KEY);
  private static final EthPrivateKey NODE_A = key("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
  private static final EthPrivateKey NODE_B = key("0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6");
  private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");
  private static final ModelId MODEL = ModelId.of("acme/on-chain");
  private static final Semver V1 = Semver.of("1.0.0");

  private static Web3j web3j;

  @BeforeAll
  static void connect() {
    web3j = Web3j.build(new HttpService(chain.node().url().toString()));
  }

  @AfterAll
  static void disconnect() {
    if (web3j != null) {
      web3j.shutdown();
    }
  }

  // ---- refusals ----

  @Test
  void aRefusalFoundInTheEstimateSendsNothingAndNamesTheCustomError() throws Exception {
    long relayerTransactions = transactionCount(AnvilChain.RELAYER.address());

    LedgerReceipt receipt = ledger.submit(sign(OWNER, publish(MODEL, V1)));

    assertEquals(LedgerReceipt.Status.REJECTED, receipt.status());
    assertTrue(receipt.requestId().startsWith("rejected-"), receipt.requestId());
    assertEquals(Code.NOT_FOUND, receipt.error().orElseThrow().code());
    String message = receipt.error().orElseThrow().message();
    assertTrue(message.contains("publish_version of acme/on-chain") && message.contains("NotFound(\"model\")")
        && message.contains("nothing was sent"), message);
    assertEquals(relayerTransactions, transactionCount(AnvilChain.RELAYER.address()), "no transaction sent");
    assertEquals(Optional.of(receipt), ledger.receipt(receipt.requestId()));
  }

  @Test
  void aTransactionThatRevertsOnChainIsRejectedWithItsHashAndTheErrorReadBack() throws Exception {
    // Valid when estimated; mined in a block whose time is past its deadline.
    Instant deadline = chain.latestBlockTime().plusSeconds(100);
    LedgerRequest request = LedgerRequest.sign(new LedgerAction.RegisterModel(MODEL, Access.PUBLIC), EthSigner.of(OWNER),
        ledger.domain(), 0, deadline);
    chain.automine(false);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<LedgerReceipt> submitted = thread.submit(() -> ledger.submit(request));
      chain.awaitPending(1);
      chain.setNextBlockTime(deadline.plusSeconds(1));
      chain.mine(1);

      LedgerReceipt reverted = submitted.get(30, TimeUnit.SECONDS);
      assertEquals(LedgerReceipt.Status.REJECTED, reverted.status(), reverted.toString());
      assertEquals(Code.DEADLINE_PASSED, reverted.error().orElseThrow().code());
      String message = reverted.error().orElseThrow().message();
      assertTrue(message.contains("DeadlinePassed(" + deadline.getEpochSecond() + ", " + (deadline.getEpochSecond() + 1)
          + ")") && message.contains("in transaction 0x" + reverted.requestId()), message);
      assertEquals(List.of(), ledger.models());
      assertEquals(Optional.of(reverted), ledger.receipt(reverted.requestId()));
    } finally {
      thread.shutdownNow();
    }
  }

  // ---- waiting ----

  @Test
  void aRequestNotMinedWithinTheTimeoutIsAcceptedAndSettlesOnceMined() {
    try (Web3jLedger impatient = chain.ledger().contract(ledger.contract()).receiptTimeout(Duration.ofMillis(200))
        .neverReplace().build()) {
      chain.automine(false);
      LedgerReceipt accepted = impatient.submit(sign(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC)));

      assertEquals(LedgerReceipt.Status.ACCEPTED, accepted.status());
      assertEquals(Optional.of(accepted), impatient.receipt(accepted.requestId()));
      assertEquals(List.of(), impatient.models(), "not mined: not in the view");

      chain.mine(1);
      LedgerReceipt applied = impatient.receipt(accepted.requestId()).orElseThrow();
      assertEquals(LedgerReceipt.applied(accepted.requestId(), accepted.kind(), 1), applied);
      assertEquals(applied, impatient.await(accepted.requestId(), Duration.ofSeconds(1)));
      assertEquals(1, impatient.models().size());
    }
  }

  @Test
  void aRequestLeftUnminedIsReplacedUnderItsNonceAndTheReplacementApplies() throws Exception {
    try (Web3jLedger replacing = chain.ledger().contract(ledger.contract()).replaceAfter(Duration.ofMillis(100)).build()) {
      chain.automine(false);
      ExecutorService thread = Executors.newSingleThreadExecutor();
      try {
        Future<LedgerReceipt> submitted = thread.submit(() -> replacing.submit(
            sign(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC))));
        chain.awaitPending(1);
        Thread.sleep(400); // several replacements' worth
        chain.mine(1);

        LedgerReceipt receipt = submitted.get(30, TimeUnit.SECONDS);
        assertEquals(LedgerReceipt.Status.APPLIED, receipt.status(), receipt.toString());
        ChainEvent event = replacing.chainEvents(0, 10).get(0);
        assertNotEquals(Hash32.of("0x" + receipt.requestId()), event.transactionHash(),
            "the request id names the first transaction; a replacement was mined");
        assertEquals(1, ledger.nextNonce(OWNER.address()));
      } finally {
        thread.shutdownNow();
      }
    }
  }

  @Test
  void withTwoConfirmationsAChangeCountsOnceABlockIsOnTopOfIt() {
    try (Web3jLedger deep = chain.ledger().contract(ledger.contract()).confirmations(2)
        .receiptTimeout(Duration.ofMillis(300)).build()) {
      LedgerReceipt receipt = deep.submit(sign(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC)));

      assertEquals(LedgerReceipt.Status.ACCEPTED, receipt.status(), "mined, one confirmation of two");
      assertEquals(List.of(), deep.models());
      assertEquals(1, ledger.models().size(), "a ledger counting one confirmation sees it");

      chain.mine(1);
      assertEquals(LedgerReceipt.Status.APPLIED, deep.receipt(receipt.requestId()).orElseThrow().status());
      assertEquals(1, deep.models().size());
    }
  }

  // ---- reorganisations ----

  @Test
  void aReorganisationTakesBackWhatItRemovedAndTheRelayerSendsTheDroppedTransactionAgain() {
    apply(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));
    apply(OWNER, publish(MODEL, V1));
    assertEquals(2, ledger.events(0, 10).size());

    chain.reorg(1); // the block holding the publication is replaced by an empty one: its transaction is gone

    assertEquals(List.of(), ledger.versions(MODEL));
    assertEquals(1, ledger.events(0, 10).size());
    assertEquals(1, ledger.nextNonce(OWNER.address()), "the publication's nonce is free again");

    // The relayer's next transaction waits behind the lost one's nonce: the relayer sends that one again.
    LedgerReceipt next = ledger.submit(sign(STRANGER, new LedgerAction.RegisterModel(ModelId.of("acme/next"),
        Access.PUBLIC)));
    assertEquals(LedgerReceipt.applied(next.requestId(), next.kind(), 3), next);
    assertEquals(List.of(V1), ledger.versions(MODEL).stream().map(v -> v.version()).toList());
    assertEquals(2, ledger.nextNonce(OWNER.address()));
  }

  @Test
  void aReorganisationDeeperThanTheLastEventStillKeepsWhatCameBefore() {
    apply(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));
    chain.mine(3);
    apply(OWNER, publish(MODEL, V1));
    chain.mine(2);
    assertEquals(2, ledger.events(0, 10).size());

    chain.reorg(4); // the publication and the empty blocks around it

    assertEquals(List.of(MODEL), ledger.models().stream().map(ModelRecord::id).toList());
    assertEquals(List.of(), ledger.versions(MODEL));
  }

  // ---- connecting ----

  @Test
  void buildingOnADeployedContractFindsItsDeploymentBlock() {
    chain.mine(5);
    try (Web3jLedger connected = chain.ledger().contract(ledger.contract()).build()) {
      assertEquals(ledger.deploymentBlock(), connected.deploymentBlock());
      assertEquals(ledger.domain(), connected.domain());
    }
  }

  @Test
  void buildingOnAnAddressWithoutTheLedgerContractIsRefusedByName() {
    AivmValidationException none = assertThrows(AivmValidationException.class,
        () -> chain.ledger().contract(Address.of("0x" + "ab".repeat(20))).build());
    assertEquals("deployed", none.problems().get(0).rule());

    // A contract that answers 42 to every call.
    TransactionSender deployer = new TransactionSender(web3j(), EthSigner.of(STRANGER), 31337);
    String created = deployer.awaitReceipt(deployer.send(null, "0x600a600c600039600a6000f3602a60005260206000f3").hash(),
        1, Duration.ofSeconds(10), Duration.ofMillis(10)).getContractAddress();
    AivmValidationException other = assertThrows(AivmValidationException.class,
        () -> chain.ledger().contract(Address.of(created)).build());
    assertEquals("aivm-ledger", other.problems().get(0).rule());
    assertTrue(other.getMessage().contains("is not an AIVM ledger"), other.getMessage());
  }

  @Test
  void aLedgerWithoutARelayerReadsWhatOthersWroteAndRefusesToSubmit() {
    apply(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));
    try (Web3jLedger reader = Web3jLedger.builder().rpc(chain.node().url()).contract(ledger.contract()).build()) {
      assertEquals(ledger.models(), reader.models());
      assertEquals(Optional.empty(), reader.relayer());
      assertThrows(IllegalStateException.class,
          () -> reader.submit(sign(OWNER, publish(MODEL, V1))));
    }
  }

  @Test
  void aSmallLogRangeReadsTheSameEvents() {
    apply(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));
    chain.mine(4);
    apply(OWNER, publish(MODEL, V1));
    try (Web3jLedger oneBlockAtATime = chain.ledger().contract(ledger.contract()).maxLogRange(1).build()) {
      assertEquals(ledger.chainEvents(0, 10), oneBlockAtATime.chainEvents(0, 10));
    }
  }

  @Test
  void afterCloseEveryCallIsRefused() {
    ledger.close();
    ledger.close();
    assertThrows(IllegalStateException.class, ledger::models);
    assertThrows(IllegalStateException.class, () -> ledger.nextNonce(OWNER.address()));
    assertTrue(ledger.toString().contains("closed"), ledger.toString());
  }

  // ---- direct calls ----

  @Test
  void directCallsActForTheSenderAndABatchGrantsEachNodeInOneTransaction() {
    DirectLedger owner = ledger.direct(EthSigner.of(OWNER));
    owner.apply(new LedgerAction.RegisterModel(MODEL, Access.PRIVATE));
    for (EthPrivateKey node : List.of(NODE_A, NODE_B)) {
      ledger.direct(EthSigner.of(node)).apply(registration(node));
    }
    Map<Address, byte[]> keys = new LinkedHashMap<>();
    keys.put(NODE_A.address(), bytes(113, 1));
    keys.put(NODE_B.address(), bytes(113, 2));

    List<ChainEvent> granted = owner.grantBatch(MODEL, 0, Optional.empty(), keys);

    assertEquals(2, granted.size());
    assertEquals(granted.get(0).transactionHash(), granted.get(1).transactionHash(), "one transaction");
    for (ChainEvent e : granted) {
      assertEquals(OWNER.address(), e.event().signer());
    }
    assertEquals(List.of(NODE_A.address(), NODE_B.address()),
        ledger.grants(MODEL).stream().map(g -> g.node()).toList());
    assertEquals(OWNER.address(), ledger.model(MODEL).orElseThrow().owner());
    assertEquals(0, ledger.nextNonce(OWNER.address()), "direct calls use no request nonce");
  }

  @Test
  void aDirectCallTheContractRefusesThrowsTheDecodedErrorWithoutSending() throws Exception {
    ledger.direct(EthSigner.of(OWNER)).apply(new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));
    long before = transactionCount(STRANGER.address());

    ContractRevertException e = assertThrows(ContractRevertException.class,
        () -> ledger.direct(EthSigner.of(STRANGER)).apply(publish(MODEL, V1)));

    assertEquals("NotAllowed", e.errorName());
    assertEquals(List.of(STRANGER.address(), "not the model's owner"), e.arguments());
    assertEquals(Code.NOT_ALLOWED, e.code());
    assertEquals(Optional.empty(), e.transactionHash());
    assertEquals(before, transactionCount(STRANGER.address()));
  }

  @Test
  void aDirectCallThatRevertsOnChainCarriesItsTransactionHash() throws Exception {
    DirectLedger owner = ledger.direct(EthSigner.of(OWNER));
    owner.apply(new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));
    LedgerRequest transfer = sign(OWNER, new LedgerAction.TransferOwnership(MODEL, NODE_A.address()));
    chain.automine(false);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<List<ChainEvent>> publishing = thread.submit(() -> owner.apply(publish(MODEL, V1)));
      chain.awaitPending(1); // estimated while the owner still owns the model
      // The owner's signed transfer, relayed by a stranger paying a higher fee: mined first in the same block.
      String data = ContractCalls.relayed(ledger.contractCalls(), transfer)
          .encodeFunctionCall();
      new RawTransactionManager(web3j, Credentials.create(STRANGER_KEY), 31337)
          .sendTransaction(BigInteger.valueOf(100_000_000_000L), BigInteger.valueOf(500_000), ledger.contract().hex(), data,
              BigInteger.ZERO);
      chain.awaitPending(2);
      chain.mine(1);

      Throwable thrown = assertThrows(ExecutionException.class,
          () -> publishing.get(30, TimeUnit.SECONDS)).getCause();
      ContractRevertException e = (ContractRevertException) thrown;
      assertEquals("NotAllowed", e.errorName());
      assertEquals(Code.NOT_ALLOWED, e.code());
      assertTrue(e.transactionHash().isPresent());
      assertTrue(e.getMessage().contains(e.transactionHash().get().hex()), e.getMessage());
      assertEquals(NODE_A.address(), ledger.model(MODEL).orElseThrow().owner());
    } finally {
      thread.shutdownNow();
    }
  }

  @Test
  void aChangeTheSdksTypesCannotHoldIsLeftOutOfTheView() {
    TransactionSender stranger = new TransactionSender(web3j(), EthSigner.of(STRANGER), 31337);
    String data = ledger.contractCalls().registerModel(new AivmLedger.RegisterModelRequest("Not A Model Name", "public"))
        .encodeFunctionCall();
    assertTrue(stranger.awaitReceipt(stranger.send(ledger.contract().hex(), data).hash(), 1, Duration.ofSeconds(10),
        Duration.ofMillis(10)).isStatusOK(), "the contract takes any name from a direct call");

    apply(OWNER, new LedgerAction.RegisterModel(MODEL, Access.PUBLIC));

    List<LedgerEvent> events = ledger.events(0, 10);
    assertEquals(1, events.size(), events.toString());
    assertEquals(1, events.get(0).sequence());
    assertEquals(MODEL, events.get(0).action().model().orElseThrow());
  }

  // ---- helpers ----

  private static EthPrivateKey key(String hex) {
    return EthPrivateKey.fromBytes(Hex.decode(hex));
  }

  private LedgerRequest sign(EthPrivateKey key, LedgerAction action) {
    return sign(key, action, ledger.nextNonce(key.address()));
  }

  private LedgerRequest sign(EthPrivateKey key, LedgerAction action, long nonce) {
    return LedgerRequest.sign(action, EthSigner.of(key), ledger.domain(), nonce, LATER);
  }

  private void apply(EthPrivateKey key, LedgerAction action) {
    LedgerReceipt receipt = ledger.submit(sign(key, action));
    assertEquals(LedgerReceipt.Status.APPLIED, receipt.status(), receipt.toString());
  }

  private LedgerAction.RegisterNode registration(EthPrivateKey node) {
    String endpoint = "http://127.0.0.1:9001";
    return new LedgerAction.RegisterNode(node.address(), node.publicKey(), endpoint, Eip712.sign(EthSigner.of(node),
        LedgerAction.RegisterNode.registrationTypedData(ledger.domain(), node.address(), node.publicKey(), endpoint)));
  }

  private static LedgerAction.PublishVersion publish(ModelId model, Semver version) {
    byte[] manifest = (model + "@" + version.text()).getBytes(StandardCharsets.UTF_8);
    return new LedgerAction.PublishVersion(model, version, ContentIds.v1Only().of(manifest).cidV1(),
        Hash32.fromBytes(Keccak256.digest(manifest)));
  }

  private static byte[] bytes(int size, int seed) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (seed * 31 + i);
    }
    return b;
  }

  private static Web3j web3j() {
    return web3j;
  }

  private static long transactionCount(Address account) throws Exception {
    return web3j.ethGetTransactionCount(account.hex(), DefaultBlockParameterName.PENDING).send().getTransactionCount()
        .longValueExact();
  }
}
