package ai.nesa.aivm.chain;

import ai.nesa.aivm.AivmValidationException;

/**
 * A place in the ledger contract's event log: everything up to and including log {@code logIndex}
 * of block {@code blockNumber}. Keep the {@linkplain ChainEvent#checkpoint() checkpoint of the last
 * event handled} (its {@link #toString()} form is meant for storing) and follow again from it after
 * a restart: nothing is seen twice and nothing is missed.
 *
 * <pre>{@code
 * ChainCheckpoint from = saved == null ? ChainCheckpoint.startOfBlock(0) : ChainCheckpoint.parse(saved);
 * }</pre>
 *
 * @param blockNumber the block
 * @param logIndex the log's index within the block; -1 for the start of the block, before its first log
 * @since 0.1.0
 */
public record ChainCheckpoint(long blockNumber, int logIndex) implements Comparable<ChainCheckpoint> {
  public ChainCheckpoint {
    if (blockNumber < 0) {
      throw AivmValidationException.of("blockNumber", "minimum", blockNumber, "a block number is not negative");
    }
    if (logIndex < -1) {
      throw AivmValidationException.of("logIndex", "minimum", logIndex,
          "a log index is not negative (-1: the start of the block)");
    }
  }

  /** The start of block {@code blockNumber}: its events and every later one are after it. */
  public static ChainCheckpoint startOfBlock(long blockNumber) {
    return new ChainCheckpoint(blockNumber, -1);
  }

  /**
   * Reads the {@link #toString()} form, {@code <block>:<log index>}.
   *
   * @throws AivmValidationException when {@code text} is not of that form
   */
  public static ChainCheckpoint parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    try {
      if (colon > 0) {
        return new ChainCheckpoint(Long.parseLong(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw AivmValidationException.of("checkpoint", "pattern", text,
        "a checkpoint is <block number>:<log index>, such as 1234:0 or 1234:-1: '" + text + "'");
  }

  /** Whether the log at {@code blockNumber}, {@code logIndex} comes after this checkpoint. */
  public boolean isBefore(long blockNumber, int logIndex) {
    return blockNumber > this.blockNumber || blockNumber == this.blockNumber && logIndex > this.logIndex;
  }

  @Override
  public int compareTo(ChainCheckpoint other) {
    int byBlock = Long.compare(blockNumber, other.blockNumber);
    return byBlock != 0 ? byBlock : Integer.compare(logIndex, other.logIndex);
  }

  /** {@code <block>:<log index>}, such as {@code 1234:0}; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return blockNumber + ":" + logIndex;
  }
}
