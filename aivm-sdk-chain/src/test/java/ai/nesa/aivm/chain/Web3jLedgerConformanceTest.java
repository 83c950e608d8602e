package ai.nesa.aivm.chain;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerConformance;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.LedgerEvent;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.MutableClock;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link Ledger} SPI's conformance suite on a {@link Web3jLedger} over a real EVM node: anvil,
 * a new AivmLedger deployment per test. The suite's clock becomes the chain's: before each
 * request, the next block's timestamp is set to the clock's time.
 */
class Web3jLedgerConformanceTest extends LedgerConformance {
  private static AnvilChain chain;
  private Instant start;
  private Web3jLedger onChain;

  @BeforeAll
  static void startChain() throws Exception {
    chain = AnvilChain.start();
  }

  @AfterAll
  static void stopChain() {
    if (chain != null) {
      chain.close();
    }
  }

  /** A second after the chain's latest block: every test's clock starts after the one before. */
  @Override
  protected Instant start() {
    if (start == null) {
      start = chain.latestBlockTime().plusSeconds(1);
    }
    return start;
  }

  @Override
  protected Ledger newLedger(MutableClock clock) {
    chain.setNextBlockTime(clock.instant());
    onChain = chain.ledger().deploy();
    return new OnTheClock(onChain, clock);
  }

  @Override
  protected LedgerReceipt settle(LedgerReceipt submitted) {
    return submitted.status() == LedgerReceipt.Status.ACCEPTED ? onChain.await(submitted.requestId(), Duration.ofSeconds(30))
        : submitted;
  }

  /** The ledger with every request mined at the suite's time. */
  private static final class OnTheClock implements Ledger {
    private final Web3jLedger ledger;
    private final MutableClock clock;

    OnTheClock(Web3jLedger ledger, MutableClock clock) {
      this.ledger = ledger;
      this.clock = clock;
    }

    @Override
    public LedgerReceipt submit(LedgerRequest request) {
      chain.setNextBlockTime(clock.instant());
      return ledger.submit(request);
    }

    @Override
    public LedgerDomain domain() {
      return ledger.domain();
    }

    @Override
    public long nextNonce(Address signer) {
      return ledger.nextNonce(signer);
    }

    @Override
    public Optional<LedgerReceipt> receipt(String requestId) {
      return ledger.receipt(requestId);
    }

    @Override
    public Optional<ModelRecord> model(ModelId id) {
      return ledger.model(id);
    }

    @Override
    public List<ModelRecord> models() {
      return ledger.models();
    }

    @Override
    public List<VersionRecord> versions(ModelId id) {
      return ledger.versions(id);
    }

    @Override
    public Optional<VersionRecord> version(ModelId id, Semver version) {
      return ledger.version(id, version);
    }

    @Override
    public Optional<NodeRecord> node(Address address) {
      return ledger.node(address);
    }

    @Override
    public List<NodeRecord> nodes() {
      return ledger.nodes();
    }

    @Override
    public List<GrantRecord> grants(ModelId id) {
      return ledger.grants(id);
    }

    @Override
    public List<ReviewRecord> reviews(ModelId id) {
      return ledger.reviews(id);
    }

    @Override
    public List<LedgerEvent> events(long afterSequence, int limit) {
      return ledger.events(afterSequence, limit);
    }

    @Override
    public void close() {
      ledger.close();
    }
  }
}
