package ai.nesa.aivm.sdk.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.Sleeper;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import ai.nesa.aivm.sdk.ledger.LedgerEvent;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRejectedException;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.MutableClock;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import ai.nesa.aivm.sdk.models.Access;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * How the client's writes reach a ledger (a scripted one here; the devnet's in-memory ledger and
 * the EVM ledger in their modules' tests): signed by the wallet with its next nonce and a deadline
 * ten minutes on, accepted receipts waited for, nonce races retried, refusals thrown.
 */
class LedgerWriterTest {
  private static final EthPrivateKey KEY = EthPrivateKey.fromBytes(
      Hex.decode("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
  private static final LedgerDomain DOMAIN = new LedgerDomain(31337, Address.of("0x" + "12".repeat(20)));
  private static final LedgerAction ACTION = new LedgerAction.RegisterModel(ModelId.of("acme/m"), Access.PUBLIC);
  private static final Instant NOW = Instant.parse("2030-01-01T00:00:00.700Z");

  private final MutableClock clock = MutableClock.startingAt(NOW);
  /** Sleeps by moving the clock on. */
  private final Sleeper sleeper = d -> clock.advance(d);

  @Test
  void aRequestIsSignedByTheWalletWithItsNextNonceAndADeadlineTenMinutesOn() {
    ScriptedLedger ledger = new ScriptedLedger(7, r -> LedgerReceipt.applied("req-1", r.kind(), 3));

    LedgerReceipt receipt = new LedgerWriter(ledger, EthSigner.of(KEY), clock, sleeper).apply(ACTION);

    assertEquals(LedgerReceipt.applied("req-1", ACTION.kind(), 3), receipt);
    LedgerRequest sent = ledger.submitted.get(0);
    sent.verify(DOMAIN);
    assertEquals(KEY.address(), sent.signer());
    assertEquals(7, sent.nonce());
    assertEquals(Instant.parse("2030-01-01T00:10:00Z"), sent.deadline(), "whole seconds, ten minutes on");
    assertEquals(ACTION, sent.action());
  }

  @Test
  void anAcceptedRequestIsPolledUntilItSettles() {
    ScriptedLedger ledger = new ScriptedLedger(0, r -> accepted("tx-1", r));
    ledger.receipts.add(Optional.of(accepted("tx-1", ACTION)));
    ledger.receipts.add(Optional.of(LedgerReceipt.applied("tx-1", ACTION.kind(), 1)));

    LedgerReceipt receipt = new LedgerWriter(ledger, EthSigner.of(KEY), clock, sleeper).apply(ACTION);

    assertEquals(LedgerReceipt.Status.APPLIED, receipt.status());
    assertEquals(List.of("tx-1", "tx-1"), ledger.asked);
    assertEquals(NOW.plusMillis(500), clock.instant(), "two polls of 250 ms");
  }

  @Test
  void aRequestStillAcceptedAfterFiveMinutesIsATimeout() {
    ScriptedLedger ledger = new ScriptedLedger(0, r -> accepted("tx-1", r));
    ledger.always = Optional.of(accepted("tx-1", ACTION));

    AivmTimeoutException e = assertThrows(AivmTimeoutException.class,
        () -> new LedgerWriter(ledger, EthSigner.of(KEY), clock, sleeper).apply(ACTION));

    assertTrue(e.getMessage().contains("tx-1") && e.getMessage().contains("may still apply"), e.getMessage());
    assertTrue(!clock.instant().isBefore(NOW.plus(Duration.ofMinutes(5))));
  }

  @Test
  void aNonceRaceIsSignedAgainWithTheFreshNonce() {
    Deque<LedgerReceipt> answers = new ArrayDeque<>(List.of(
        rejected(LedgerError.Code.NONCE_MISMATCH), LedgerReceipt.applied("req-2", ACTION.kind(), 9)));
    ScriptedLedger ledger = new ScriptedLedger(4, r -> answers.pop());

    LedgerReceipt receipt = new LedgerWriter(ledger, EthSigner.of(KEY), clock, sleeper).apply(ACTION);

    assertEquals(9, receipt.eventSequence().orElseThrow());
    assertEquals(List.of(4L, 5L), ledger.submitted.stream().map(LedgerRequest::nonce).toList());
  }

  @Test
  void threeNonceRacesInARowAreARejection() {
    ScriptedLedger ledger = new ScriptedLedger(0, r -> rejected(LedgerError.Code.NONCE_MISMATCH));

    LedgerRejectedException e = assertThrows(LedgerRejectedException.class,
        () -> new LedgerWriter(ledger, EthSigner.of(KEY), clock, sleeper).apply(ACTION));

    assertEquals(LedgerError.Code.NONCE_MISMATCH, e.code());
    assertEquals(3, ledger.submitted.size());
  }

  @Test
  void anyOtherRefusalIsThrownAtOnceWithTheLedgersCodeAndMessage() {
    ScriptedLedger ledger = new ScriptedLedger(0, r -> rejected(LedgerError.Code.CONFLICT));

    LedgerRejectedException e = assertThrows(LedgerRejectedException.class,
        () -> new LedgerWriter(ledger, EthSigner.of(KEY), clock, sleeper).apply(ACTION));

    assertEquals(LedgerError.Code.CONFLICT, e.code());
    assertEquals(1, ledger.submitted.size());
    assertTrue(e.getMessage().contains("register_model") && e.getMessage().contains("conflict: model acme/m exists"),
        e.getMessage());
  }

  private static LedgerReceipt accepted(String id, LedgerAction action) {
    return new LedgerReceipt(id, action.kind(), LedgerReceipt.Status.ACCEPTED, OptionalLong.empty(), Optional.empty());
  }

  private static LedgerReceipt accepted(String id, LedgerRequest request) {
    return accepted(id, request.action());
  }

  private static LedgerReceipt rejected(LedgerError.Code code) {
    return LedgerReceipt.rejected("rejected-1", ACTION.kind(), new LedgerError(code,
        code == LedgerError.Code.CONFLICT ? "model acme/m exists" : "nonce moved"));
  }

  /** A ledger whose nonce counts submits and whose answers come from a script. */
  private static final class ScriptedLedger implements Ledger {
    final List<LedgerRequest> submitted = new ArrayList<>();
    final List<String> asked = new ArrayList<>();
    final Deque<Optional<LedgerReceipt>> receipts = new ArrayDeque<>();
    Optional<LedgerReceipt> always;
    private final long firstNonce;
    private final Function<LedgerRequest, LedgerReceipt> answer;

    ScriptedLedger(long firstNonce, Function<LedgerRequest, LedgerReceipt> answer) {
      this.firstNonce = firstNonce;
      this.answer = answer;
    }

    @Override
    public LedgerDomain domain() {
      return DOMAIN;
    }

    @Override
    public long nextNonce(Address signer) {
      return firstNonce + submitted.size();
    }

    @Override
    public LedgerReceipt submit(LedgerRequest request) {
      LedgerReceipt r = answer.apply(request);
      submitted.add(request);
      return r;
    }

    @Override
    public Optional<LedgerReceipt> receipt(String requestId) {
      asked.add(requestId);
      return always != null ? always : receipts.pop();
    }

    @Override
    public Optional<ModelRecord> model(ModelId id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ModelRecord> models() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<VersionRecord> versions(ModelId id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<VersionRecord> version(ModelId id, Semver version) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<NodeRecord> node(Address address) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<NodeRecord> nodes() {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<GrantRecord> grants(ModelId id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<ReviewRecord> reviews(ModelId id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<LedgerEvent> events(long afterSequence, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
