package ai.nesa.aivm.chain;

import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.sdk.ledger.LedgerEvent;
import java.util.Objects;

/**
 * One change of the ledger contract, as a {@link LedgerEvent} and where the chain holds it: block,
 * transaction and log.
 *
 * <p>An event delivered with {@code removed} set was delivered before, and a reorganisation of the
 * chain deeper than the follower's confirmation depth took its block away (as {@code removed} in
 * an Ethereum log): undo what it did. Its {@link #checkpoint()} is then the start of its block, of
 * which nothing stands any more.
 *
 * @param event the change, with its sequence in the ledger's log
 * @param blockNumber the block holding it
 * @param blockHash that block's hash
 * @param transactionHash the transaction that made it
 * @param logIndex its log's index within the block
 * @param removed whether a reorganisation took it back
 * @since 0.1.0
 */
public record ChainEvent(LedgerEvent event, long blockNumber, Hash32 blockHash, Hash32 transactionHash, int logIndex,
    boolean removed) {
  public ChainEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(blockHash, "blockHash");
    Objects.requireNonNull(transactionHash, "transactionHash");
    if (blockNumber < 0 || logIndex < 0) {
      throw new IllegalArgumentException("block " + blockNumber + ", log " + logIndex);
    }
  }

  /**
   * Where to follow again from to see only what comes after this event; for a removed event, the
   * start of its block (the block is gone: whatever the chain now holds at that height is new).
   */
  public ChainCheckpoint checkpoint() {
    return removed ? ChainCheckpoint.startOfBlock(blockNumber) : new ChainCheckpoint(blockNumber, logIndex);
  }

  /** This event as taken back by a reorganisation. */
  public ChainEvent asRemoved() {
    return new ChainEvent(event, blockNumber, blockHash, transactionHash, logIndex, true);
  }

  /** Whether {@code other} is the same log of the same block (its {@code removed} flag aside). */
  public boolean samePlaceAs(ChainEvent other) {
    return blockNumber == other.blockNumber && logIndex == other.logIndex && blockHash.equals(other.blockHash);
  }
}
