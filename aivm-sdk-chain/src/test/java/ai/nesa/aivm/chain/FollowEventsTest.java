package ai.nesa.aivm.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.models.Access;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Following the ledger's events on anvil: replay from a checkpoint then live, exactly once across a
 * restarted subscription and across dropped connections, backpressure, and reorganisations at one
 * and two confirmations.
 */
class FollowEventsTest extends OnAnvilLedgerTest {
  private static final EthPrivateKey OWNER = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
  private static final EthPrivateKey OTHER = EthPrivateKey.fromBytes(
      Hex.decode("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"));
  private static final Instant LATER = Instant.parse("2100-01-01T00:00:00Z");

  private int models;

  @Test
  void aFollowerReplaysFromItsCheckpointThenFollowsLive() {
    register(3);
    Collector seen = new Collector(Long.MAX_VALUE);
    ledger.follow(start()).subscribe(seen);
    await(() -> seen.events.size() == 3);

    register(2);

    await(() -> seen.events.size() == 5);
    assertEquals(LongStream.rangeClosed(1, 5).boxed().toList(), seen.sequences());
    assertEquals(ledger.chainEvents(0, 100), seen.events);
    seen.subscription.cancel();
  }

  @Test
  void aFollowerFromACheckpointSeesOnlyWhatCameAfterIt() {
    register(3);
    ChainCheckpoint afterSecond = ledger.chainEvents(1, 1).get(0).checkpoint();
    ChainCheckpoint now = ledger.head();
    register(1);

    List<ChainEvent> fromSecond = new CopyOnWriteArrayList<>();
    List<ChainEvent> fromHead = new CopyOnWriteArrayList<>();
    try (ChainFollower a = ledger.follow(afterSecond, fromSecond::add);
        ChainFollower b = ledger.follow(now, fromHead::add)) {
      await(() -> fromSecond.size() == 2 && fromHead.size() == 1);
      assertEquals(List.of(3L, 4L), fromSecond.stream().map(e -> e.event().sequence()).toList());
      assertEquals(List.of(4L), fromHead.stream().map(e -> e.event().sequence()).toList());
      assertEquals(fromSecond.get(1).checkpoint(), a.checkpoint());
    }
  }

  @Test
  void aSubscriptionRestartedMidStreamFromItsLastCheckpointSeesEveryEventOnce() {
    register(7);
    List<ChainEvent> all = new CopyOnWriteArrayList<>();
    ChainCheckpoint checkpoint = start();
    for (int round = 0; all.size() < 12; round++) {
      if (round == 2) {
        register(5); // the rest arrives while the follower follows live
      }
      int before = all.size();
      ChainFollower[] follower = new ChainFollower[1];
      // Each round stops itself after three events, wherever that falls.
      follower[0] = ledger.follow(checkpoint, e -> {
        all.add(e);
        if (all.size() - before == 3) {
          follower[0].close();
        }
      });
      await(() -> all.size() - before == 3 || all.size() == 12);
      follower[0].close();
      sleep(50);
      checkpoint = follower[0].checkpoint();
      assertEquals(all.get(all.size() - 1).checkpoint(), checkpoint, "the checkpoint is the last event handled");
    }
    assertEquals(LongStream.rangeClosed(1, 12).boxed().toList(), all.stream().map(e -> e.event().sequence()).toList());
    assertEquals(ledger.chainEvents(0, 100), all);
  }

  @Test
  void aFollowerWhoseConnectionDropsCatchesUpWithNoGapAndNoDuplicate() throws Exception {
    try (DroppingProxy proxy = DroppingProxy.start(chain.node().url());
        Web3jLedger throughProxy = Web3jLedger.builder().rpc(proxy.uri()).contract(ledger.contract())
            .pollInterval(Duration.ofMillis(20)).build()) {
      Collector seen = new Collector(Long.MAX_VALUE);
      throughProxy.follow(start()).subscribe(seen);
      register(3);
      await(() -> seen.events.size() == 3);

      for (int cut = 0; cut < 3; cut++) {
        proxy.drop();
        register(2); // while the follower cannot reach the node
        Thread.sleep(150);
        proxy.restore();
        int expected = 5 + 2 * cut;
        await(() -> seen.events.size() >= expected);
      }

      register(1);
      await(() -> seen.events.size() == 10);
      assertTrue(proxy.dropped() > 0, "connections were dropped");
      assertEquals(LongStream.rangeClosed(1, 10).boxed().toList(), seen.sequences());
      assertEquals(ledger.chainEvents(0, 100), seen.events);
      assertEquals(null, seen.error);
      seen.subscription.cancel();
    }
  }

  @Test
  void aSlowSubscriberGetsOnlyWhatItRequests() throws Exception {
    register(3);
    Collector seen = new Collector(1);
    ledger.follow(start()).subscribe(seen);
    await(() -> seen.events.size() == 1);
    Thread.sleep(200);
    assertEquals(1, seen.events.size(), "no more than requested");

    seen.subscription.request(2);

    await(() -> seen.events.size() == 3);
    assertEquals(List.of(1L, 2L, 3L), seen.sequences());
    seen.subscription.cancel();
  }

  @Test
  void aReorganisationHandsOverWhatItTookBackAsRemovedThenTheNewBranch() {
    Collector seen = new Collector(Long.MAX_VALUE);
    ledger.follow(start()).subscribe(seen);
    register(2);
    await(() -> seen.events.size() == 2);
    ChainEvent second = seen.events.get(1);

    chain.reorg(1);
    // Another signer's request: the relayer sends the dropped transaction again with it, the branch holds both.
    register(OTHER, 1);

    await(() -> seen.events.size() == 5);
    assertEquals(second.asRemoved(), seen.events.get(2));
    assertTrue(seen.events.get(2).removed());
    assertEquals(List.of(false, false, true, false, false), seen.events.stream().map(ChainEvent::removed).toList());
    assertEquals(ledger.chainEvents(0, 100), List.of(seen.events.get(0), seen.events.get(3), seen.events.get(4)));
    seen.subscription.cancel();
  }

  @Test
  void withTwoConfirmationsAShallowReorganisationIsNeverSeen() {
    try (Web3jLedger deep = chain.ledger().contract(ledger.contract()).confirmations(2).build()) {
      Collector seen = new Collector(Long.MAX_VALUE);
      deep.follow(start()).subscribe(seen);
      register(1);
      chain.mine(1);
      await(() -> seen.events.size() == 1);
      register(1); // mined, one confirmation of two

      chain.reorg(1);
      chain.mine(1);
      sleep(300);

      assertEquals(1, seen.events.size(), seen.events.toString());
      assertFalse(seen.events.get(0).removed());
      seen.subscription.cancel();
    }
  }

  @Test
  void closingTheLedgerCompletesItsFollowers() {
    Collector seen = new Collector(Long.MAX_VALUE);
    ledger.follow(start()).subscribe(seen);
    await(() -> seen.subscription != null);

    ledger.close();

    await(() -> seen.completed);
  }

  @Test
  void checkpointsReadBackFromTheirText() {
    ChainCheckpoint c = new ChainCheckpoint(1234, 5);
    assertEquals(c, ChainCheckpoint.parse(c.toString()));
    assertEquals(ChainCheckpoint.startOfBlock(7), ChainCheckpoint.parse("7:-1"));
    assertTrue(ChainCheckpoint.startOfBlock(7).isBefore(7, 0));
    assertFalse(c.isBefore(1234, 5));
    for (String bad : new String[] {"", "12", "a:1", "1:x", "-1:0", "1:-2"}) {
      ai.nesa.aivm.AivmValidationException e = org.junit.jupiter.api.Assertions.assertThrows(
          ai.nesa.aivm.AivmValidationException.class, () -> ChainCheckpoint.parse(bad), bad);
      assertFalse(e.getMessage().isBlank());
    }
  }

  // ---- helpers ----

  private ChainCheckpoint start() {
    return ChainCheckpoint.startOfBlock(ledger.deploymentBlock());
  }

  /** Registers {@code n} new models, one request each, signed by the owner. */
  private void register(int n) {
    register(OWNER, n);
  }

  private void register(EthPrivateKey signer, int n) {
    for (int i = 0; i < n; i++) {
      LedgerRequest request = LedgerRequest.sign(new LedgerAction.RegisterModel(ModelId.of("acme/model-" + models++),
          Access.PUBLIC), EthSigner.of(signer), ledger.domain(), ledger.nextNonce(signer.address()), LATER);
      LedgerReceipt receipt = ledger.submit(request);
      assertEquals(LedgerReceipt.Status.APPLIED, receipt.status(), receipt.toString());
    }
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s");
      }
      sleep(10);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Records what it is handed; asks for {@code initial} events at first. */
  private static final class Collector implements Flow.Subscriber<ChainEvent> {
    final List<ChainEvent> events = new CopyOnWriteArrayList<>();
    final long initial;
    volatile Flow.Subscription subscription;
    volatile Throwable error;
    volatile boolean completed;

    Collector(long initial) {
      this.initial = initial;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(initial);
    }

    @Override
    public void onNext(ChainEvent item) {
      events.add(item);
    }

    @Override
    public void onError(Throwable throwable) {
      error = throwable;
    }

    @Override
    public void onComplete() {
      completed = true;
    }

    List<Long> sequences() {
      return events.stream().map(e -> e.event().sequence()).toList();
    }
  }
}
