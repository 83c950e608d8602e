package ai.nesa.aivm.chain;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.chain.internal.contracts.AivmLedger;
import ai.nesa.aivm.chain.internal.contracts.ContractCalls;
import ai.nesa.aivm.chain.internal.contracts.ContractError;
import ai.nesa.aivm.chain.internal.ledger.ChainIndex;
import ai.nesa.aivm.chain.internal.ledger.EventFollower;
import ai.nesa.aivm.chain.internal.ledger.Rejections;
import ai.nesa.aivm.chain.internal.ledger.Submissions;
import ai.nesa.aivm.chain.internal.rpc.RevertedCall;
import ai.nesa.aivm.chain.internal.rpc.Rpc;
import ai.nesa.aivm.chain.internal.tx.SentTransaction;
import ai.nesa.aivm.chain.internal.tx.TransactionSender;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Eip712;
import ai.nesa.aivm.crypto.EthSigner;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.AivmTimeoutException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.Semver;
import ai.nesa.aivm.sdk.internal.ledger.LedgerBook;
import ai.nesa.aivm.sdk.ledger.GrantRecord;
import ai.nesa.aivm.sdk.ledger.Ledger;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.LedgerError;
import ai.nesa.aivm.sdk.ledger.LedgerEvent;
import ai.nesa.aivm.sdk.ledger.LedgerReceipt;
import ai.nesa.aivm.sdk.ledger.LedgerRequest;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import ai.nesa.aivm.sdk.ledger.NodeRecord;
import ai.nesa.aivm.sdk.ledger.ReviewRecord;
import ai.nesa.aivm.sdk.ledger.VersionRecord;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.function.Consumer;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * The {@link Ledger} on the {@code AivmLedger} contract of an EVM chain, through web3j: requests
 * are relayed to the contract in transactions a relayer account sends and pays for, and reads come
 * from the contract's events.
 *
 * <pre>{@code
 * try (Web3jLedger ledger = Web3jLedger.builder()
 *     .rpc("http://127.0.0.1:8545")
 *     .contract(Address.of("0x5FbDB2315678afecb367f032d93F642f64180aa3"))
 *     .relayer(EthSigner.of(relayerKey))          // pays the gas; reads need none
 *     .build()) {
 *   LedgerReceipt receipt = ledger.submit(LedgerRequest.sign(action, owner, ledger.domain(),
 *       ledger.nextNonce(owner.address()), Instant.now().plusSeconds(600)));
 * }
 * }</pre>
 *
 * <p>{@link Builder#deploy()} deploys a new contract (with the relayer's account) and returns the
 * ledger on it.
 *
 * <h2>Submitting</h2>
 *
 * <p>{@link #submit} first has the node estimate the relayed call's gas, which runs it against the
 * pending block: a request the contract would refuse is answered {@code REJECTED} with the decoded
 * custom error, and nothing is sent. Otherwise the relayer sends the transaction (EIP-1559 fees, a
 * nonce manager safe from many threads) and {@code submit} waits until it is mined with the
 * configured {@linkplain Builder#confirmations(int) confirmations}, then answers {@code APPLIED}
 * with the event's sequence, or {@code REJECTED} when it reverted after all (another request got
 * there first: the error is read back by running the call again against the block). A transaction
 * left unmined for {@linkplain Builder#replaceAfter(Duration) a while} is replaced under its nonce at
 * higher fees. When the {@linkplain Builder#receiptTimeout(Duration) receipt timeout} passes first,
 * the answer is {@code ACCEPTED}; {@link #receipt} or {@link #await} settles it later.
 *
 * <p>Request ids are the hash of the first transaction sent for the request, without {@code 0x}
 * (64 hex digits), and {@code rejected-N} for requests refused before anything was sent. Receipts
 * are kept in memory, the newest 100,000 settled ones.
 *
 * <h2>Reading</h2>
 *
 * <p>The contract stores only what its rules consult; every record and the event log are rebuilt
 * from its events, from the deployment block on, in memory. Reads first catch up with the chain's
 * head (less {@code confirmations - 1} blocks), so they see every change mined before they
 * started; a reorganisation is noticed and what it took back dropped. A change that the SDK's types
 * cannot hold (only a direct call, which skips the SDK's checks, can make one: a model name that is
 * not {@code org/model}, say) is left out of the view with a warning.
 *
 * <h2>Time</h2>
 *
 * <p>The ledger's time is the chain's: deadlines are checked against the block's timestamp, and
 * records carry the timestamp of the block that holds them.
 *
 * <h2>Threads</h2>
 *
 * <p>Thread-safe; share one per contract. Concurrent submits are sent in turn under consecutive
 * nonces of the relayer's account and mined in that order; concurrent reads share one catch-up.
 *
 * @since 0.1.0
 */
public final class Web3jLedger implements Ledger {
  /** Settled receipts kept for {@link #receipt}. */
  static final int KEPT_RECEIPTS = 100_000;

  private final Web3j web3j;
  private final LedgerDomain domain;
  private final long deploymentBlock;
  private final AivmLedger contract;
  private final ChainIndex index;
  private final TransactionSender relayer;
  private final int confirmations;
  private final Duration receiptTimeout;
  private final Duration pollInterval;
  private final Duration replaceAfter;
  private final Submissions submissions = new Submissions(KEPT_RECEIPTS);
  /** One sender per account that sends direct calls (the relayer's included): one nonce manager each. */
  private final Map<Address, TransactionSender> senders = new ConcurrentHashMap<>();
  private final BigInteger feeCap;
  private volatile boolean closed;

  private Web3jLedger(Web3j web3j, LedgerDomain domain, long deploymentBlock, Builder b) {
    this.web3j = web3j;
    this.domain = domain;
    this.deploymentBlock = deploymentBlock;
    this.contract = AivmLedger.load(domain.verifyingContract().hex(), web3j,
        new ReadonlyTransactionManager(web3j, domain.verifyingContract().hex()), new DefaultGasProvider());
    this.index = new ChainIndex(web3j, domain, deploymentBlock, b.confirmations, b.maxLogRange);
    this.feeCap = b.feeCap;
    this.relayer = b.relayer == null ? null : new TransactionSender(web3j, b.relayer, domain.chainId(), b.feeCap);
    if (relayer != null) {
      senders.put(relayer.from(), relayer);
    }
    this.confirmations = b.confirmations;
    this.receiptTimeout = b.receiptTimeout;
    this.pollInterval = b.pollInterval;
    this.replaceAfter = b.replaceAfter;
  }

  /**
   * The chain id of the node at {@code rpc} ({@code eth_chainId}): to choose keys or a contract
   * before building a ledger.
   *
   * @throws AivmIoException when the node cannot be reached
   */
  public static long chainId(URI rpc) {
    Builder b = builder().rpc(rpc);
    Web3j web3j = b.connect();
    try {
      return Builder.chainId(web3j);
    } finally {
      web3j.shutdown();
    }
  }

  /** A builder; {@link Builder#rpc} and, to {@link Builder#build()}, {@link Builder#contract} are required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public LedgerDomain domain() {
    ensureOpen();
    return domain;
  }

  /** The contract's address. */
  public Address contract() {
    return domain.verifyingContract();
  }

  /** The block the contract was deployed in, where reading its events starts. */
  public long deploymentBlock() {
    return deploymentBlock;
  }

  /** The account that sends and pays for relayed requests; empty for a ledger that only reads. */
  public Optional<Address> relayer() {
    return Optional.ofNullable(relayer).map(TransactionSender::from);
  }

  /** The number of blocks, the one holding it included, a change needs before it counts. */
  public int confirmations() {
    return confirmations;
  }

  /**
   * The contract's direct calls, sent and paid for by {@code sender}'s own account, which acts for
   * itself (the owner registering, publishing, granting many nodes at once): no signed request, no
   * relayer. Reverts are thrown as {@link ContractRevertException}s.
   */
  public DirectLedger direct(EthSigner sender) {
    Objects.requireNonNull(sender, "sender");
    ensureOpen();
    return new DirectLedger(this, senders.computeIfAbsent(sender.address(),
        a -> new TransactionSender(web3j, sender, domain.chainId(), feeCap)));
  }

  /** The contract's wrapper, for encoding calls. */
  AivmLedger contractCalls() {
    return contract;
  }

  /**
   * Waits for {@code sent} as submits do (confirmations, replacement), up to the receipt timeout.
   *
   * @throws AivmTimeoutException when it is not mined and confirmed within the receipt timeout
   */
  TransactionReceipt awaitMined(TransactionSender sender, SentTransaction sent) {
    return sender.await(List.of(sent), confirmations, receiptTimeout, pollInterval, replaceAfter, r -> {});
  }

  /** The events a mined transaction made, in order, once the view holds its block. */
  List<ChainEvent> eventsOf(TransactionReceipt mined) {
    return index.eventsOf(System.nanoTime(), Hash32.of(mined.getTransactionHash()),
        mined.getBlockNumber().longValueExact());
  }

  /** {@inheritDoc} Read from the contract at the pending block, so that requests still being mined count. */
  @Override
  public long nextNonce(Address signer) {
    Objects.requireNonNull(signer, "signer");
    ensureOpen();
    String data = contract.nonces(signer.hex()).encodeFunctionCall();
    String answer = Rpc.call(web3j.ethCall(Transaction.createEthCallTransaction(null, contract().hex(), data),
        DefaultBlockParameterName.PENDING)).getValue();
    return new BigInteger(answer.substring(2), 16).longValueExact();
  }

  /**
   * {@inheritDoc}
   *
   * <p>See the class notes: refused before sending when the simulation reverts, else sent and
   * waited for; {@code ACCEPTED} when the receipt timeout passes first.
   *
   * @throws IllegalStateException when the ledger was built without a relayer
   * @throws AivmIoException when the node cannot be reached or refuses the transaction; a request
   *     whose transaction was sent may still be mined
   */
  @Override
  public LedgerReceipt submit(LedgerRequest request) {
    Objects.requireNonNull(request, "request");
    ensureOpen();
    if (relayer == null) {
      throw new IllegalStateException("this ledger was built without a relayer: it reads, but cannot submit");
    }
    String data = ContractCalls.relayed(contract, request).encodeFunctionCall();
    BigInteger gas;
    try {
      gas = relayer.estimateGas(contract().hex(), data);
    } catch (RevertedCall refused) {
      return submissions.rejectedUnsent(request.kind(), Rejections.of(request.action(), decode(refused), null));
    }
    SentTransaction sent = relayer.send(contract().hex(), data, TransactionSender.withHeadroom(gas));
    return settle(submissions.sent(request, sent), receiptTimeout);
  }

  /**
   * Waits up to {@code timeout} for a request this ledger sent to settle, replacing its transaction
   * if it stays unmined, and returns its receipt (still {@code ACCEPTED} if it has not settled).
   *
   * @throws java.util.NoSuchElementException when this ledger gave out no such request id (or no
   *     longer keeps its receipt)
   */
  public LedgerReceipt await(String requestId, Duration timeout) {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(timeout, "timeout");
    ensureOpen();
    Optional<LedgerReceipt> settled = submissions.settled(requestId);
    if (settled.isPresent()) {
      return settled.get();
    }
    return settle(submissions.pending(requestId).orElseThrow(() -> new java.util.NoSuchElementException(
        "no ledger request " + requestId + " was sent by this ledger")), timeout);
  }

  @Override
  public Optional<LedgerReceipt> receipt(String requestId) {
    Objects.requireNonNull(requestId, "requestId");
    ensureOpen();
    Optional<LedgerReceipt> settled = submissions.settled(requestId);
    if (settled.isPresent()) {
      return settled;
    }
    Optional<Submissions.Pending> pending = submissions.pending(requestId);
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    Optional<TransactionReceipt> mined = relayer.receipt(pending.get().sent());
    if (mined.isPresent() && relayer.isConfirmed(mined.get(), confirmations)) {
      return Optional.of(submissions.settle(pending.get(), outcome(pending.get(), mined.get())));
    }
    return Optional.of(pending.get().accepted());
  }

  private LedgerReceipt settle(Submissions.Pending pending, Duration timeout) {
    TransactionReceipt mined;
    try {
      mined = relayer.await(pending.sent(), confirmations, timeout, pollInterval, replaceAfter, pending::replacedBy);
    } catch (AivmTimeoutException e) {
      return pending.accepted();
    }
    return submissions.settle(pending, outcome(pending, mined));
  }

  /** The receipt of a request whose transaction was mined and confirmed. */
  private LedgerReceipt outcome(Submissions.Pending pending, TransactionReceipt mined) {
    LedgerRequest request = pending.request();
    long block = mined.getBlockNumber().longValueExact();
    if (!mined.isStatusOK()) {
      return LedgerReceipt.rejected(pending.requestId(), request.kind(), revertReason(request, mined, block));
    }
    List<ChainEvent> made = eventsOf(mined);
    if (made.isEmpty()) {
      throw new IllegalStateException("transaction " + mined.getTransactionHash() + " applied "
          + request.kind().wireName() + " in block " + block + ", but the ledger's view holds no event of it");
    }
    return LedgerReceipt.applied(pending.requestId(), request.kind(), made.get(0).event().sequence());
  }

  /** Why a relayed request's mined transaction reverted, as its error. */
  private LedgerError revertReason(LedgerRequest request, TransactionReceipt mined, long block) {
    String data = ContractCalls.relayed(contract, request).encodeFunctionCall();
    return revertReason(relayer.from(), data, block)
        .map(error -> Rejections.of(request.action(), error, mined.getTransactionHash()))
        .orElseGet(() -> Rejections.unexplained(request.action(), mined.getTransactionHash(), block));
  }

  /**
   * Why a call of {@code data} from {@code from}, mined in {@code block}, reverted: the call run
   * again against the state after its block (what made it fail, another request with the same nonce
   * or name, is still there), or else before it; empty when neither run reverts.
   */
  Optional<ContractError> revertReason(Address from, String data, long block) {
    for (long at : new long[] {block, block - 1}) {
      try {
        Rpc.call(web3j.ethCall(Transaction.createEthCallTransaction(from.hex(), contract().hex(), data),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(at))));
      } catch (RevertedCall reverted) {
        return Optional.of(decode(reverted));
      }
    }
    return Optional.empty();
  }

  static ContractError decode(RevertedCall reverted) {
    try {
      return ContractError.decode(reverted.revertData());
    } catch (IllegalArgumentException e) {
      return new ContractError("Error", List.of("unrecognised revert data " + reverted.revertData()));
    }
  }

  @Override
  public Optional<ModelRecord> model(ModelId id) {
    Objects.requireNonNull(id, "id");
    return read(book -> book.model(id));
  }

  @Override
  public List<ModelRecord> models() {
    return read(LedgerBook::models);
  }

  @Override
  public List<VersionRecord> versions(ModelId id) {
    Objects.requireNonNull(id, "id");
    return read(book -> book.versions(id));
  }

  @Override
  public Optional<VersionRecord> version(ModelId id, Semver version) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    return read(book -> book.version(id, version));
  }

  @Override
  public Optional<NodeRecord> node(Address address) {
    Objects.requireNonNull(address, "address");
    return read(book -> book.node(address));
  }

  @Override
  public List<NodeRecord> nodes() {
    return read(LedgerBook::nodes);
  }

  @Override
  public List<GrantRecord> grants(ModelId id) {
    Objects.requireNonNull(id, "id");
    return read(book -> book.grants(id));
  }

  @Override
  public List<ReviewRecord> reviews(ModelId id) {
    Objects.requireNonNull(id, "id");
    return read(book -> book.reviews(id));
  }

  @Override
  public List<LedgerEvent> events(long afterSequence, int limit) {
    if (afterSequence < 0) {
      throw new IllegalArgumentException("afterSequence >= 0: " + afterSequence);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit >= 1: " + limit);
    }
    ensureOpen();
    return index.events(System.nanoTime(), afterSequence, limit).stream().map(ChainEvent::event).toList();
  }

  /**
   * The events after {@code afterSequence} with where the chain holds them (block, transaction,
   * log): {@link #events} with their places.
   */
  public List<ChainEvent> chainEvents(long afterSequence, int limit) {
    if (afterSequence < 0 || limit < 1) {
      throw new IllegalArgumentException("afterSequence >= 0 and limit >= 1: " + afterSequence + ", " + limit);
    }
    ensureOpen();
    return index.events(System.nanoTime(), afterSequence, limit);
  }

  /**
   * The contract's events after {@code from}, replayed and then followed live: a publisher whose
   * every subscriber follows on a thread of its own, gets each event once and in order as far as it
   * {@linkplain Flow.Subscription#request requests}, and is not held up by the others. The view
   * counts {@linkplain Builder#confirmations confirmations} as reads do; a reorganisation deeper than
   * that hands the events it took back over again with {@link ChainEvent#removed()} set. A node that
   * cannot be reached (a dropped connection, a restart) is retried with a backoff, and following goes
   * on where it stopped. The subscriber completes when the ledger closes.
   *
   * <p>From the start: {@code ChainCheckpoint.startOfBlock(ledger.deploymentBlock())}; from now:
   * {@link #head()}; after a restart: the last handled event's {@link ChainEvent#checkpoint()}.
   */
  public Flow.Publisher<ChainEvent> follow(ChainCheckpoint from) {
    Objects.requireNonNull(from, "from");
    ensureOpen();
    return subscriber -> EventFollower.start(index, subscriber, from, pollInterval, () -> closed);
  }

  /**
   * Follows the contract's events after {@code from} as {@link #follow(ChainCheckpoint)} does,
   * handing every one to {@code listener} on the follower's thread; close the follower to stop.
   */
  public ChainFollower follow(ChainCheckpoint from, Consumer<ChainEvent> listener) {
    ChainFollower follower = new ChainFollower(from, listener);
    follow(from).subscribe(follower.subscriber());
    return follower;
  }

  /** The checkpoint after every event the chain holds now (with the configured confirmations). */
  public ChainCheckpoint head() {
    ensureOpen();
    index.sync(System.nanoTime());
    return new ChainCheckpoint(Math.max(0, index.syncedBlock()), Integer.MAX_VALUE);
  }

  private <T> T read(Function<LedgerBook, T> reader) {
    ensureOpen();
    return index.read(System.nanoTime(), reader);
  }

  /** Stops using the node; later calls throw {@link IllegalStateException}. Closing twice does nothing. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      web3j.shutdown();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the ledger on " + contract() + " is closed");
    }
  }

  /** Its chain, contract and relayer, such as {@code Web3jLedger[chain 31337, 0x5fbd…, relayer 0x…]}. */
  @Override
  public String toString() {
    return "Web3jLedger[chain " + domain.chainId() + ", " + contract() + relayer().map(r -> ", relayer " + r)
        .orElse(", read-only") + ", " + confirmations + " confirmation" + (confirmations == 1 ? "" : "s")
        + (closed ? ", closed" : "") + "]";
  }

  /**
   * Sets up a {@link Web3jLedger}: the node, the contract, the relayer, and how transactions are
   * waited for.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private URI rpc;
    private Address contract;
    private EthSigner relayer;
    private int confirmations = 1;
    private Duration receiptTimeout = Duration.ofMinutes(2);
    private Duration pollInterval = Duration.ofMillis(500);
    private Duration replaceAfter = Duration.ofMinutes(1);
    private Long deploymentBlock;
    private int maxLogRange = 2_000;
    private BigInteger feeCap;

    private Builder() {}

    /** The node's JSON-RPC endpoint, {@code http} or {@code https}. */
    public Builder rpc(URI rpc) {
      Objects.requireNonNull(rpc, "rpc");
      String scheme = rpc.getScheme();
      if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || rpc.getHost() == null) {
        throw AivmValidationException.of("rpc", "url", rpc, "the node's JSON-RPC endpoint is an absolute http or https URL: '"
            + rpc + "'");
      }
      this.rpc = rpc;
      return this;
    }

    /** The node's JSON-RPC endpoint as text. */
    public Builder rpc(String rpc) {
      Objects.requireNonNull(rpc, "rpc");
      try {
        return rpc(URI.create(rpc));
      } catch (IllegalArgumentException e) {
        throw AivmValidationException.of("rpc", "url", rpc, "not a URL: '" + rpc + "'");
      }
    }

    /** The {@code AivmLedger} contract's address; required by {@link #build()}. */
    public Builder contract(Address contract) {
      this.contract = Objects.requireNonNull(contract, "contract");
      return this;
    }

    /**
     * The account that sends relayed requests and pays their gas (and deploys, for {@link
     * #deploy()}); without one the ledger only reads. Its key stays in the signer.
     */
    public Builder relayer(EthSigner relayer) {
      this.relayer = Objects.requireNonNull(relayer, "relayer");
      return this;
    }

    /**
     * How many blocks, the one holding it included, a change needs before it counts: for receipts
     * and for reads. 1 (the default) counts a change once mined; more rides out reorganisations
     * shallower than that.
     */
    public Builder confirmations(int confirmations) {
      if (confirmations < 1 || confirmations > 1_000) {
        throw AivmValidationException.of("confirmations", "range", confirmations, "from 1 to 1000 blocks");
      }
      this.confirmations = confirmations;
      return this;
    }

    /** How long {@link Web3jLedger#submit} waits for a receipt before answering {@code ACCEPTED}; 2 minutes unless set. */
    public Builder receiptTimeout(Duration timeout) {
      this.receiptTimeout = positive("receiptTimeout", timeout);
      return this;
    }

    /** How often receipts are polled for; 500 ms unless set (a local node mining at once wants less). */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = positive("pollInterval", interval);
      return this;
    }

    /**
     * How long a transaction may stay unmined before it is sent again under its nonce at higher
     * fees; a minute unless set.
     */
    public Builder replaceAfter(Duration after) {
      this.replaceAfter = positive("replaceAfter", after);
      return this;
    }

    /** Never replace a transaction left unmined. */
    public Builder neverReplace() {
      this.replaceAfter = null;
      return this;
    }

    /**
     * The block the contract was deployed in, where reading its events starts. Unless set, {@link
     * #build()} finds it by bisecting on the contract's code, which needs a node that serves old
     * state (an archive node, or any local one); give it to a pruned node.
     */
    public Builder deploymentBlock(long block) {
      if (block < 0) {
        throw AivmValidationException.of("deploymentBlock", "minimum", block, "a block number is not negative");
      }
      this.deploymentBlock = block;
      return this;
    }

    /** The most blocks one {@code eth_getLogs} asks for; 2,000 unless set (halved while a node refuses a range). */
    public Builder maxLogRange(int blocks) {
      if (blocks < 1) {
        throw AivmValidationException.of("maxLogRange", "minimum", blocks, "at least one block");
      }
      this.maxLogRange = blocks;
      return this;
    }

    /** The most any transaction pays per gas, in wei, replacements included; no cap unless set. */
    public Builder feeCap(BigInteger weiPerGas) {
      Objects.requireNonNull(weiPerGas, "weiPerGas");
      if (weiPerGas.signum() <= 0) {
        throw AivmValidationException.of("feeCap", "minimum", weiPerGas, "a fee cap is positive");
      }
      this.feeCap = weiPerGas;
      return this;
    }

    /**
     * Connects to the contract: checks that the node's chain has an {@code AivmLedger} at the
     * address (its EIP-712 domain separator is the one the SDK computes for it) and finds the
     * deployment block if not given.
     *
     * @throws AivmValidationException when the rpc or the contract is missing, or no AIVM ledger is
     *     at the address
     * @throws AivmIoException when the node cannot be reached
     */
    public Web3jLedger build() {
      requireRpc();
      if (contract == null) {
        throw AivmValidationException.of("contract", "required", null,
            "the ledger contract's address is required (or deploy() a new one)");
      }
      return connected(web3j -> {
        LedgerDomain domain = new LedgerDomain(chainId(web3j), contract);
        checkIsLedger(web3j, domain);
        long block = deploymentBlock != null ? deploymentBlock : findDeploymentBlock(web3j, contract);
        return new Web3jLedger(web3j, domain, block, this);
      });
    }

    /**
     * Deploys a new {@code AivmLedger} from the relayer's account, waits for it to be mined with
     * the configured confirmations, and returns the ledger on it.
     *
     * @throws AivmValidationException when the rpc or the relayer is missing
     * @throws AivmIoException when the node cannot be reached or the deployment fails
     * @throws AivmTimeoutException when the deployment is not mined within the receipt timeout
     */
    public Web3jLedger deploy() {
      requireRpc();
      if (relayer == null) {
        throw AivmValidationException.of("relayer", "required", null, "deploying needs a relayer to send and pay for it");
      }
      return connected(web3j -> {
        long chainId = chainId(web3j);
        TransactionSender sender = new TransactionSender(web3j, relayer, chainId, feeCap);
        SentTransaction sent = sender.send(null, "0x" + AivmLedger.BINARY);
        TransactionReceipt mined = sender.await(List.of(sent), confirmations, receiptTimeout, pollInterval, replaceAfter,
            r -> {});
        if (!mined.isStatusOK() || mined.getContractAddress() == null) {
          throw new AivmIoException("deploying AivmLedger failed in transaction " + mined.getTransactionHash() + ": "
              + mined.getStatus());
        }
        LedgerDomain domain = new LedgerDomain(chainId, Address.of(mined.getContractAddress()));
        return new Web3jLedger(web3j, domain, mined.getBlockNumber().longValueExact(), this);
      });
    }

    /** A ledger made on a new connection, which is shut again when making it fails. */
    private Web3jLedger connected(Function<Web3j, Web3jLedger> make) {
      Web3j web3j = connect();
      try {
        return make.apply(web3j);
      } catch (RuntimeException e) {
        web3j.shutdown();
        throw e;
      }
    }

    /** web3j over an OkHttp client of the SDK's own: its timeouts, no logging of traffic. */
    private Web3j connect() {
      OkHttpClient http = new OkHttpClient.Builder()
          .connectTimeout(CONNECT_TIMEOUT)
          .readTimeout(READ_TIMEOUT)
          .callTimeout(READ_TIMEOUT)
          .build();
      return Web3j.build(new HttpService(rpc.toString(), http));
    }

    private void requireRpc() {
      if (rpc == null) {
        throw AivmValidationException.of("rpc", "required", null, "the node's JSON-RPC endpoint is required");
      }
    }

    private static long chainId(Web3j web3j) {
      return Rpc.call(web3j.ethChainId()).getChainId().longValueExact();
    }

    private static void checkIsLedger(Web3j web3j, LedgerDomain domain) {
      String code = Rpc.call(web3j.ethGetCode(domain.verifyingContract().hex(), DefaultBlockParameterName.LATEST)).getCode();
      if (code == null || code.equals("0x")) {
        throw AivmValidationException.of("contract", "deployed", domain.verifyingContract(),
            "chain " + domain.chainId() + " has no contract at " + domain.verifyingContract());
      }
      AivmLedger view = AivmLedger.load(domain.verifyingContract().hex(), web3j,
          new ReadonlyTransactionManager(web3j, domain.verifyingContract().hex()), new DefaultGasProvider());
      String answer;
      try {
        answer = Rpc.call(web3j.ethCall(Transaction.createEthCallTransaction(null, domain.verifyingContract().hex(),
            view.domainSeparator().encodeFunctionCall()), DefaultBlockParameterName.LATEST)).getValue();
      } catch (RevertedCall e) {
        answer = "";
      }
      Hash32 expected = Eip712.domainSeparator(domain.typedDataDomain());
      if (!expected.hex().equalsIgnoreCase(answer)) {
        throw AivmValidationException.of("contract", "aivm-ledger", domain.verifyingContract(),
            "the contract at " + domain.verifyingContract() + " on chain " + domain.chainId()
                + " is not an AIVM ledger: its domainSeparator() is not the SDK's " + expected);
      }
    }

    /** The first block whose state holds the contract's code: a bisection over the chain's blocks. */
    private static long findDeploymentBlock(Web3j web3j, Address contract) {
      long low = 0;
      long high = Rpc.call(web3j.ethBlockNumber()).getBlockNumber().longValueExact();
      while (low < high) {
        long mid = low + (high - low) / 2;
        String code = Rpc.call(web3j.ethGetCode(contract.hex(), DefaultBlockParameter.valueOf(BigInteger.valueOf(mid))))
            .getCode();
        if (code != null && !code.equals("0x")) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return low;
    }

    private static Duration positive(String name, Duration d) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw AivmValidationException.of(name, "minimum", d, name + " is positive");
      }
      return d;
    }
  }
}
