package ai.nesa.aivm.devnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction.RegisterModel;
import ai.nesa.aivm.sdk.ledger.LedgerConformance;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.LedgerError.Code;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.MutableClock;
import ai.nesa.aivm.sdk.models.Access;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryLedgerTest extends LedgerConformance {
  @Override
  protected Ledger newLedger(MutableClock clock) {
    return InMemoryLedger.builder().clock(clock).build();
  }

  @Test
  void theConformanceKeysAreAnvilsFirstFiveAccounts() {
    assertEquals(List.of(
            Address.of("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"),
            Address.of("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"),
            Address.of("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"),
            Address.of("0x90F79bf6EB2c4f870365E785982E1f101E93b906"),
            Address.of("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65")),
        List.of(OWNER.address(), STRANGER.address(), NODE_A.address(), NODE_B.address(), NEW_OWNER.address()));
  }

  @Test
  void byDefaultRequestsAreSignedForChain31337AndTheMadeUpContract() {
    assertEquals(new LedgerDomain(31337, Address.of("0x00000000000000000000000000000000000de7e7")),
        InMemoryLedger.DEFAULT_DOMAIN);
    assertEquals(InMemoryLedger.DEFAULT_DOMAIN, ledger.domain());
    try (Ledger created = InMemoryLedger.create()) {
      assertEquals(InMemoryLedger.DEFAULT_DOMAIN, created.domain());
    }
  }

  @Test
  void aLedgerBuiltForAnotherDomainRefusesRequestsSignedForTheDefaultOne() {
    LedgerDomain anvil = new LedgerDomain(31337, Address.of("0x5FbDB2315678afecb367f032d93F642f64180aa3"));
    try (Ledger onAnvil = InMemoryLedger.builder().domain(anvil).clock(clock).build()) {
      RegisterModel action = new RegisterModel(PUBLIC_MODEL, Access.PUBLIC);
      LedgerRequest forDevnet = LedgerRequest.sign(action, EthSigner.of(OWNER), InMemoryLedger.DEFAULT_DOMAIN, 0,
          deadline());
      LedgerRequest forAnvil = LedgerRequest.sign(action, EthSigner.of(OWNER), anvil, 0, deadline());

      assertEquals(anvil, onAnvil.domain());
      assertEquals(Code.INVALID_SIGNATURE, onAnvil.submit(forDevnet).error().orElseThrow().code());
      assertEquals(LedgerReceipt.Status.APPLIED, onAnvil.submit(forAnvil).status());
    }
  }

  @Test
  void timeIsKeptInWholeSecondsAsBlockTimestampsAre() {
    Instant second = Instant.parse("2030-06-01T12:00:00Z");
    Clock late = Clock.fixed(second.plusMillis(999), ZoneOffset.UTC);
    try (Ledger lateInTheSecond = InMemoryLedger.builder().clock(late).build()) {
      LedgerRequest deadlineThisSecond = LedgerRequest.sign(new RegisterModel(PUBLIC_MODEL, Access.PUBLIC),
          EthSigner.of(OWNER), lateInTheSecond.domain(), 0, second);

      assertEquals(LedgerReceipt.Status.APPLIED, lateInTheSecond.submit(deadlineThisSecond).status());
      assertEquals(second, lateInTheSecond.model(PUBLIC_MODEL).orElseThrow().registeredAt());
      assertEquals(second, lateInTheSecond.events(0, 1).get(0).appliedAt());
    }
  }

  @Test
  void aModelWhoseAccessThisSdkDoesNotKnowIsInvalid() {
    assertRejected(Code.INVALID, sign(OWNER, new RegisterModel(PUBLIC_MODEL, Access.UNKNOWN)));
  }

  @Test
  void requestIdsCountUpFromOneAppliedOrRejected() {
    RegisterModel action = new RegisterModel(PUBLIC_MODEL, Access.PUBLIC);
    assertEquals("req-1", ledger.submit(sign(OWNER, action)).requestId());
    assertEquals("req-2", ledger.submit(sign(OWNER, action)).requestId());
    assertEquals("req-3", ledger.submit(sign(STRANGER, action)).requestId());
  }

  @Test
  void toStringGivesTheDomainAndHowMuchTheLedgerHolds() {
    assertEquals("InMemoryLedger[chain 31337, 0x00000000000000000000000000000000000de7E7, 0 models, 0 nodes, 0 events]",
        ledger.toString());
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    apply(NODE_A, registration(NODE_A, NODE_A.publicKey(), "http://127.0.0.1:9001"));
    assertEquals("InMemoryLedger[chain 31337, 0x00000000000000000000000000000000000de7E7, 1 model, 1 node, 2 events]",
        ledger.toString());
  }

  @Test
  void aClosedLedgerRefusesToWorkAndClosingTwiceIsHarmless() {
    apply(OWNER, new RegisterModel(PUBLIC_MODEL, Access.PUBLIC));
    LedgerRequest next = sign(OWNER, publish(PUBLIC_MODEL, V1));

    ledger.close();

    assertThrows(IllegalStateException.class, () -> ledger.submit(next));
    assertThrows(IllegalStateException.class, () -> ledger.model(PUBLIC_MODEL));
    assertThrows(IllegalStateException.class, () -> ledger.events(0, 1));
    assertThrows(IllegalStateException.class, () -> ledger.nextNonce(OWNER.address()));
    assertEquals("InMemoryLedger[chain 31337, 0x00000000000000000000000000000000000de7E7, closed]", ledger.toString());
    ledger.close();
  }

  @Test
  void theBuilderRefusesNullsAndBuildsIndependentLedgers() {
    InMemoryLedger.Builder builder = InMemoryLedger.builder().clock(clock);
    assertThrows(NullPointerException.class, () -> builder.domain(null));
    assertThrows(NullPointerException.class, () -> builder.clock(null));
    try (Ledger first = builder.build(); Ledger second = builder.build()) {
      first.submit(LedgerRequest.sign(new RegisterModel(PUBLIC_MODEL, Access.PUBLIC), EthSigner.of(OWNER),
          first.domain(), 0, deadline()));

      assertEquals(1, first.models().size());
      assertEquals(List.of(), second.models());
      assertEquals(0, second.nextNonce(OWNER.address()));
    }
  }

  @Test
  void theTestClockOnlyMovesForward() {
    Instant before = clock.instant();
    clock.advance(Duration.ZERO);
    clock.advance(Duration.ofSeconds(2));
    assertEquals(before.plusSeconds(2), clock.instant());
    assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    assertEquals(before.plusSeconds(2), clock.withZone(ZoneOffset.ofHours(2)).instant());
  }
}
