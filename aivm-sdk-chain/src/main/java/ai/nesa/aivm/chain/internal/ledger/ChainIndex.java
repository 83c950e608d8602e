package ai.nesa.aivm.chain.internal.ledger;

import ai.nesa.aivm.chain.ChainCheckpoint;
import ai.nesa.aivm.chain.ChainEvent;
import ai.nesa.aivm.chain.internal.rpc.Rpc;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.sdk.AivmIoException;
import ai.nesa.aivm.sdk.ModelId;
import ai.nesa.aivm.sdk.internal.ledger.LedgerBook;
import ai.nesa.aivm.sdk.internal.ledger.LedgerRefusal;
import ai.nesa.aivm.sdk.ledger.LedgerAction;
import ai.nesa.aivm.sdk.ledger.LedgerDomain;
import ai.nesa.aivm.sdk.ledger.LedgerEvent;
import ai.nesa.aivm.sdk.ledger.ModelRecord;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The ledger's records and log as the contract's events say, rebuilt by applying every event from
 * the deployment block on to a {@link LedgerBook}, and kept up with the chain.
 *
 * <h2>Confirmed head</h2>
 *
 * <p>The index holds the blocks up to the chain's head less {@code confirmations - 1}: with one
 * confirmation, every mined block; with more, only blocks that many blocks deep.
 *
 * <h2>Reorganisations</h2>
 *
 * <p>Each sync first checks that the last block it holds is still the chain's block at that height.
 * When it is not, the index walks back over the blocks it knows (those holding its events, and the
 * heads of its recent syncs) to the newest one the chain still holds, drops every event after it,
 * replays the rest into a new book, and reads on from there. A sync that sees the chain move under
 * it (a log's block hash that is not the block's, a head that changed while it read) starts again.
 *
 * <h2>Threads</h2>
 *
 * <p>Thread-safe: one lock around syncs and reads. A read syncs first unless a sync started after
 * the read did, so that every read sees every block mined before it started, and concurrent reads
 * share one sync.
 */
public final class ChainIndex implements LogDecoder.Context {
  private static final Logger log = LoggerFactory.getLogger(ChainIndex.class);
  private static final int SYNC_ATTEMPTS = 5;
  private static final int KEPT_HEADS = 64;

  private final Web3j web3j;
  private final String contract;
  private final LedgerDomain domain;
  private final long deploymentBlock;
  private final int confirmations;
  private final int maxLogRange;

  // Guarded by this.
  private LedgerBook book;
  private final Map<Hash32, ModelId> modelsByKey = new HashMap<>();
  private final List<ChainEvent> events = new ArrayList<>();
  /** The last block the index holds, and its hash (null before the first sync). */
  private long syncedBlock;
  private Hash32 syncedHash;
  /** Heads of recent syncs, to walk back over on a reorganisation. */
  private final NavigableMap<Long, Hash32> heads = new TreeMap<>();
  private boolean synced;
  private long lastSyncStart;
  private int logRange;

  /**
   * An empty index of the contract in {@code domain}, deployed in {@code deploymentBlock}.
   *
   * @param maxLogRange the most blocks one {@code eth_getLogs} asks for (halved while the node
   *     refuses a range as too large)
   */
  public ChainIndex(Web3j web3j, LedgerDomain domain, long deploymentBlock, int confirmations, int maxLogRange) {
    this.web3j = web3j;
    this.contract = domain.verifyingContract().hex();
    this.domain = domain;
    this.deploymentBlock = deploymentBlock;
    this.confirmations = confirmations;
    this.maxLogRange = maxLogRange;
    this.logRange = maxLogRange;
    reset();
  }

  /**
   * Reads the records after a sync (see the class notes): {@code since} is when the read started,
   * in {@link System#nanoTime()}.
   */
  public synchronized <T> T read(long since, Function<LedgerBook, T> reader) {
    sync(since);
    return reader.apply(book);
  }

  /** Up to {@code limit} events with a sequence above {@code afterSequence}, after a sync. */
  public synchronized List<ChainEvent> events(long since, long afterSequence, int limit) {
    sync(since);
    int from = (int) Math.min(afterSequence, events.size()); // sequence s sits at index s - 1
    int to = (int) Math.min((long) from + limit, events.size());
    return List.copyOf(events.subList(from, to));
  }

  /** The event with this sequence, as the last sync saw it. */
  public synchronized Optional<ChainEvent> eventSeen(long sequence) {
    return sequence >= 1 && sequence <= events.size() ? Optional.of(events.get((int) sequence - 1)) : Optional.empty();
  }

  /** Up to {@code limit} events after {@code checkpoint}, as the last sync saw them. */
  public synchronized List<ChainEvent> eventsSeenAfter(ChainCheckpoint checkpoint, int limit) {
    int low = 0;
    int high = events.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      ChainEvent e = events.get(mid);
      if (checkpoint.isBefore(e.blockNumber(), e.logIndex())) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return List.copyOf(events.subList(low, (int) Math.min((long) low + limit, events.size())));
  }

  /**
   * The events transaction {@code tx} made in block {@code blockNumber}, in order, after a sync that
   * reaches that block; empty when it made none the index could read.
   */
  public synchronized List<ChainEvent> eventsOf(long since, Hash32 tx, long blockNumber) {
    sync(since);
    int i = events.size();
    while (i > 0 && events.get(i - 1).blockNumber() > blockNumber) {
      i--;
    }
    List<ChainEvent> made = new ArrayList<>();
    for (int j = i - 1; j >= 0 && events.get(j).blockNumber() == blockNumber; j--) {
      if (events.get(j).transactionHash().equals(tx)) {
        made.add(0, events.get(j));
      }
    }
    return made;
  }

  /** The last block the index holds. */
  public synchronized long syncedBlock() {
    return syncedBlock;
  }

  /** How many events the index holds. */
  public synchronized int size() {
    return events.size();
  }

  /** Brings the index up to the chain's confirmed head, unless a sync started after {@code since}. */
  public synchronized void sync(long since) {
    if (synced && lastSyncStart - since >= 0) {
      return;
    }
    long started = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        syncOnce();
        break;
      } catch (RuntimeException e) {
        // What this attempt applied past the last block it finished is read again (or not at all).
        discardUnfinished();
        if (!(e instanceof ChainMoved)) {
          throw e;
        }
        log.debug("the chain moved while the ledger index read it ({}); reading again", e.getMessage());
        if (attempt == SYNC_ATTEMPTS) {
          throw new AivmIoException("the chain kept reorganising while the ledger's events were read (" + SYNC_ATTEMPTS
              + " attempts): " + e.getMessage());
        }
      }
    }
    lastSyncStart = started;
    synced = true;
  }

  private void syncOnce() {
    EthBlock.Block head = confirmedHead();
    long target = head.getNumber().longValueExact();
    Hash32 targetHash = Hash32.of(head.getHash());
    if (target == syncedBlock && targetHash.equals(syncedHash)) {
      return;
    }
    if (syncedHash != null && (target < syncedBlock || !syncedHash.equals(hashAt(syncedBlock).orElse(null)))) {
      rewind();
    }
    if (target <= syncedBlock) {
      return; // a chain not yet past the deployment block, or one that shrank under what the index holds
    }
    long from = syncedBlock + 1;
    while (from <= target) {
      long to = Math.min(target, from + logRange - 1);
      List<Log> logs = logs(from, to);
      if (logs == null) {
        continue; // the range was halved: ask again
      }
      applyAll(logs);
      from = to + 1;
    }
    // Everything read belongs to the chain whose head is `head` only if the head is still there.
    if (!targetHash.equals(hashAt(target).orElse(null))) {
      throw new ChainMoved("block " + target + " changed while its range was read");
    }
    syncedBlock = target;
    syncedHash = targetHash;
    heads.put(target, targetHash);
    while (heads.size() > KEPT_HEADS) {
      heads.pollFirstEntry();
    }
  }

  /** The logs of blocks {@code from} to {@code to}, in order; null when the node found the range too large and it was halved. */
  private List<Log> logs(long from, long to) {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), contract);
    List<EthLog.LogResult> results;
    try {
      results = Rpc.call(web3j.ethGetLogs(filter)).getLogs();
    } catch (AivmIoException e) {
      if (to > from && isRangeRefusal(e.getMessage())) {
        logRange = (int) Math.max(1, (to - from + 1) / 2);
        log.debug("eth_getLogs refused {} blocks; asking for {} at a time", to - from + 1, logRange);
        return null;
      }
      throw e;
    }
    List<Log> logs = new ArrayList<>(results.size());
    for (EthLog.LogResult<?> r : results) {
      if (r.get() instanceof Log l) {
        logs.add(l);
      }
    }
    logs.sort(Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex));
    return logs;
  }

  private static boolean isRangeRefusal(String message) {
    String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
    return m.contains("range") || m.contains("limit") || m.contains("more than") || m.contains("too many")
        || m.contains("exceed");
  }

  /** Decodes and applies logs in order; each block's header is read once, for its time and to hold its logs to it. */
  private void applyAll(List<Log> logs) {
    long headerBlock = -1;
    Instant blockTime = null;
    Hash32 blockHash = null;
    for (int i = 0; i < logs.size(); i++) {
      Log l = logs.get(i);
      long number = l.getBlockNumber().longValueExact();
      if (number != headerBlock) {
        EthBlock.Block header = blockAt(number)
            .orElseThrow(() -> new ChainMoved("block " + number + " of a log is gone"));
        headerBlock = number;
        blockHash = Hash32.of(header.getHash());
        blockTime = Instant.ofEpochSecond(header.getTimestamp().longValueExact());
      }
      if (!blockHash.equals(Hash32.of(l.getBlockHash()))) {
        throw new ChainMoved("a log of block " + number + " names block hash " + l.getBlockHash() + ", the block is "
            + blockHash);
      }
      Log next = i + 1 < logs.size() && logs.get(i + 1).getBlockNumber().longValueExact() == number ? logs.get(i + 1)
          : null;
      LogDecoder.Decoded decoded = LogDecoder.decode(l, next, this);
      if (decoded.consumedNext()) {
        i++;
      }
      if (decoded.unreadable() != null) {
        log.warn("ledger contract {}: left out of the view, transaction {} log {}: {}", contract,
            l.getTransactionHash(), l.getLogIndex(), decoded.unreadable());
      }
      if (decoded.action().isPresent()) {
        append(decoded.action().get(), decoded.signer(), blockTime, number, blockHash, Hash32.of(l.getTransactionHash()),
            l.getLogIndex().intValueExact());
      }
    }
  }

  private void append(LedgerAction action, Address signer, Instant at, long block, Hash32 blockHash, Hash32 tx,
      int logIndex) {
    try {
      book.apply(action, signer, at);
    } catch (LedgerRefusal refusal) {
      // The contract applied what the SDK's rules refuse: only a change the view could not read before it can cause this.
      log.warn("ledger contract {}: left out of the view, transaction {} log {}: {} breaks a rule here: {}", contract,
          tx, logIndex, action.kind().wireName(), refusal.getMessage());
      return;
    }
    remember(action);
    events.add(new ChainEvent(new LedgerEvent(events.size() + 1L, action, signer, at), block, blockHash, tx, logIndex,
        false));
  }

  private void remember(LedgerAction action) {
    if (action instanceof LedgerAction.RegisterModel m) {
      modelsByKey.put(Keccak256.hash(m.id().toString().getBytes(StandardCharsets.UTF_8)), m.id());
    }
  }

  /**
   * Drops what a reorganisation took away: walks back over the blocks the index knows to the newest
   * one the chain still holds, keeps the events up to it and replays them into a new book.
   */
  private void rewind() {
    NavigableMap<Long, Hash32> known = new TreeMap<>(heads);
    for (ChainEvent e : events) {
      known.put(e.blockNumber(), e.blockHash());
    }
    for (Map.Entry<Long, Hash32> k : known.descendingMap().entrySet()) {
      if (k.getValue().equals(hashAt(k.getKey()).orElse(null))) {
        int dropped = keepUpTo(k.getKey(), k.getValue());
        log.info("ledger contract {}: the chain reorganised after block {}, taking back {} event(s)", contract,
            k.getKey(), dropped);
        return;
      }
    }
    log.warn("ledger contract {}: the chain no longer holds any block the view knows; reading it again from block {}",
        contract, deploymentBlock);
    reset();
  }

  /** Drops the events after {@code block}, which becomes the last block held; returns how many were dropped. */
  private int keepUpTo(long block, Hash32 hash) {
    int keep = events.size();
    while (keep > 0 && events.get(keep - 1).blockNumber() > block) {
      keep--;
    }
    int dropped = events.size() - keep;
    if (dropped > 0) {
      List<ChainEvent> kept = new ArrayList<>(events.subList(0, keep));
      events.clear();
      modelsByKey.clear();
      book = new LedgerBook(domain);
      for (ChainEvent e : kept) {
        LedgerEvent le = e.event();
        book.apply(le.action(), le.signer(), le.appliedAt());
        remember(le.action());
        events.add(e);
      }
    }
    heads.tailMap(block, false).clear();
    syncedBlock = block;
    syncedHash = hash;
    return dropped;
  }

  private void discardUnfinished() {
    if (syncedHash == null) {
      reset();
    } else {
      keepUpTo(syncedBlock, syncedHash);
    }
  }

  private void reset() {
    book = new LedgerBook(domain);
    modelsByKey.clear();
    events.clear();
    heads.clear();
    syncedBlock = deploymentBlock - 1;
    syncedHash = null;
    logRange = maxLogRange;
  }

  private EthBlock.Block confirmedHead() {
    if (confirmations == 1) {
      return Rpc.call(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)).getBlock();
    }
    long latest = Rpc.call(web3j.ethBlockNumber()).getBlockNumber().longValueExact();
    long target = Math.max(0, latest - (confirmations - 1));
    return blockAt(target).orElseThrow(() -> new ChainMoved("block " + target + " is gone"));
  }

  private Optional<EthBlock.Block> blockAt(long number) {
    return Optional.ofNullable(Rpc.call(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)),
        false)).getBlock());
  }

  private Optional<Hash32> hashAt(long number) {
    return blockAt(number).map(b -> Hash32.of(b.getHash()));
  }

  @Override
  public Optional<ModelId> modelByKey(Hash32 key) {
    return Optional.ofNullable(modelsByKey.get(key));
  }

  @Override
  public Optional<Address> ownerOf(ModelId model) {
    return book.model(model).map(ModelRecord::owner);
  }

  /** The chain changed under a sync: read again. */
  private static final class ChainMoved extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChainMoved(String message) {
      super(message, null, false, false);
    }
  }
}
