package ai.nesa.aivm.devnet;

import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.ledger.LedgerBook;
import ai.nesa.aivm.sdk.internal.ledger.LedgerRefusal;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.LedgerError.Code;
import ai.nesa.aivm.sdk.ledger.LedgerEvent;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link Ledger} held in memory: the devnet's default on-chain repository, following the same
 * rules and giving the same answers as the ledger on an EVM contract, with nothing to install.
 *
 * <pre>{@code
 * try (Ledger ledger = InMemoryLedger.create()) {
 *   LedgerRequest request = LedgerRequest.sign(new LedgerAction.RegisterModel(model, Access.PUBLIC),
 *       owner, ledger.domain(), ledger.nextNonce(owner.address()), Instant.now().plusSeconds(600));
 *   LedgerReceipt receipt = ledger.submit(request); // APPLIED or REJECTED, never ACCEPTED
 * }
 * }</pre>
 *
 * <h2>Domain</h2>
 *
 * <p>Unless the builder is given another, requests are signed in {@link #DEFAULT_DOMAIN}: chain id
 * 31337 (anvil's, the usual local chain id) and the made-up contract address {@link
 * #DEFAULT_CONTRACT}, which no chain deploys to, so a request signed for the devnet is refused by a
 * contract on anvil and the other way round.
 *
 * <h2>Time</h2>
 *
 * <p>The ledger reads its {@link Clock} once per request, as it applies it, and keeps whole seconds,
 * as block timestamps do: the deadline is compared with the clock cut to the second (a request whose
 * deadline is the current second applies), and every recorded time (records and events) is the
 * clock cut to the second.
 *
 * <h2>Threads</h2>
 *
 * <p>Thread-safe. Requests are applied one at a time under one lock; their signatures are checked
 * before taking it. Reads take the same lock, so they see every request applied before them.
 * Receipts are kept for every request, applied or rejected, for the ledger's lifetime.
 *
 * <h2>Closing</h2>
 *
 * <p>{@link #close()} drops the records; afterwards every method but {@code close} and {@code
 * toString} throws {@link IllegalStateException}. Closing twice is harmless.
 *
 * @since 0.1.0
 */
public final class InMemoryLedger implements Ledger {
  /** The devnet ledger's made-up contract address: no chain deploys to it. */
  public static final Address DEFAULT_CONTRACT = Address.of("0x00000000000000000000000000000000000de7e7");
  /** The devnet ledger's domain: chain id 31337 and {@link #DEFAULT_CONTRACT}. */
  public static final LedgerDomain DEFAULT_DOMAIN = new LedgerDomain(31337, DEFAULT_CONTRACT);

  private final LedgerDomain domain;
  private final Clock clock;
  private final Object lock = new Object();
  // Guarded by lock; the book is null once closed.
  private LedgerBook book;
  private final Map<Address, Long> nonces = new HashMap<>();
  private final List<LedgerEvent> events = new ArrayList<>();
  private final Map<String, LedgerReceipt> receipts = new HashMap<>();
  private long requestCount;
  private boolean closed;

  private InMemoryLedger(Builder builder) {
    this.domain = builder.domain;
    this.clock = builder.clock;
    this.book = new LedgerBook(domain);
  }

  /** A ledger in {@link #DEFAULT_DOMAIN} on the system clock. */
  public static InMemoryLedger create() {
    return builder().build();
  }

  /** A builder starting from {@link #DEFAULT_DOMAIN} and the system clock. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public LedgerDomain domain() {
    synchronized (lock) {
      ensureOpen();
      return domain;
    }
  }

  @Override
  public long nextNonce(Address signer) {
    Objects.requireNonNull(signer, "signer");
    synchronized (lock) {
      ensureOpen();
      return nonces.getOrDefault(signer, 0L);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Always answers {@code APPLIED} or {@code REJECTED}; request ids are {@code req-1}, {@code
   * req-2} and so on.
   */
  @Override
  public LedgerReceipt submit(LedgerRequest request) {
    Objects.requireNonNull(request, "request");
    // The one check that needs no state, and the costly one: done before taking the lock.
    LedgerRefusal badSignature = null;
    try {
      request.verify(domain);
    } catch (CryptoException e) {
      badSignature = new LedgerRefusal(Code.INVALID_SIGNATURE,
          "the signature does not recover to signer " + request.signer() + ": " + e.getMessage());
    }
    synchronized (lock) {
      ensureOpen();
      String id = "req-" + ++requestCount;
      LedgerReceipt receipt;
      try {
        if (badSignature != null) {
          throw badSignature;
        }
        receipt = LedgerReceipt.applied(id, request.kind(), apply(request));
      } catch (LedgerRefusal refusal) {
        receipt = LedgerReceipt.rejected(id, request.kind(), refusal.error());
      }
      receipts.put(id, receipt);
      return receipt;
    }
  }

  /** Checks deadline, nonce and the action's rules, applies it, and returns its event's sequence. */
  private long apply(LedgerRequest request) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (request.deadline().isBefore(now)) {
      throw new LedgerRefusal(Code.DEADLINE_PASSED, "deadline " + request.deadline() + " is before the ledger's "
          + now);
    }
    long expected = nonces.getOrDefault(request.signer(), 0L);
    if (request.nonce() != expected) {
      throw new LedgerRefusal(Code.NONCE_MISMATCH, "nonce " + request.nonce() + " is not signer " + request.signer()
          + "'s next, " + expected);
    }
    book.apply(request.action(), request.signer(), now);
    nonces.put(request.signer(), expected + 1);
    LedgerEvent event = new LedgerEvent(events.size() + 1L, request.action(), request.signer(), now);
    events.add(event);
    return event.sequence();
  }

  @Override
  public Optional<LedgerReceipt> receipt(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    synchronized (lock) {
      ensureOpen();
      return Optional.ofNullable(receipts.get(requestId));
    }
  }

  @Override
  public Optional<ModelRecord> model(ModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      ensureOpen();
      return book.model(id);
    }
  }

  @Override
  public List<ModelRecord> models() {
    synchronized (lock) {
      ensureOpen();
      return book.models();
    }
  }

  @Override
  public List<VersionRecord> versions(ModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      ensureOpen();
      return book.versions(id);
    }
  }

  @Override
  public Optional<VersionRecord> version(ModelId id, Semver version) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    synchronized (lock) {
      ensureOpen();
      return book.version(id, version);
    }
  }

  @Override
  public Optional<NodeRecord> node(Address address) {
    Objects.requireNonNull(address, "address");
    synchronized (lock) {
      ensureOpen();
      return book.node(address);
    }
  }

  @Override
  public List<NodeRecord> nodes() {
    synchronized (lock) {
      ensureOpen();
      return book.nodes();
    }
  }

  @Override
  public List<GrantRecord> grants(ModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      ensureOpen();
      return book.grants(id);
    }
  }

  @Override
  public List<ReviewRecord> reviews(ModelId id) {
    Objects.requireNonNull(id, "id");
    synchronized (lock) {
      ensureOpen();
      return book.reviews(id);
    }
  }

  @Override
  public List<LedgerEvent> events(long afterSequence, int limit) {
    if (afterSequence < 0) {
      throw new IllegalArgumentException("afterSequence >= 0: " + afterSequence);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit >= 1: " + limit);
    }
    synchronized (lock) {
      ensureOpen();
      int from = (int) Math.min(afterSequence, events.size()); // sequence s sits at index s - 1
      int to = (int) Math.min((long) from + limit, events.size());
      return List.copyOf(events.subList(from, to));
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      book = null;
      nonces.clear();
      events.clear();
      receipts.clear();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the in-memory ledger is closed");
    }
  }

  /** Its chain id, contract and size, such as {@code InMemoryLedger[chain 31337, 0x…, 2 models, 1 node, 5 events]}. */
  @Override
  public String toString() {
    synchronized (lock) {
      String where = "chain " + domain.chainId() + ", " + domain.verifyingContract();
      if (closed) {
        return "InMemoryLedger[" + where + ", closed]";
      }
      return "InMemoryLedger[" + where + ", " + count(book.modelCount(), "model") + ", "
          + count(book.nodeCount(), "node") + ", " + count(events.size(), "event") + "]";
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * Sets up an {@link InMemoryLedger}: its domain and its clock.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private LedgerDomain domain = DEFAULT_DOMAIN;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The EIP-712 domain requests must be signed in; {@link #DEFAULT_DOMAIN} unless set. */
    public Builder domain(LedgerDomain domain) {
      this.domain = Objects.requireNonNull(domain, "domain");
      return this;
    }

    /** Where the ledger reads the time for deadlines and records; the system clock unless set. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** A new, empty ledger; the builder can build more. */
    public InMemoryLedger build() {
      return new InMemoryLedger(this);
    }
  }
}
