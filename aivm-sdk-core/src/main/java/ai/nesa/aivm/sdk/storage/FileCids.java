package ai.nesa.aivm.sdk.storage;

import ai.nesa.aivm.sdk.Cid;
import java.util.Objects;
import java.util.Optional;

/**
 * The content identifiers of one file, as IPFS would give them on import, and its size.
 *
 * <p>{@link #cidV1()} is the CIDv1 of js-ipfs's and Kubo's {@code add} with raw leaves, SHA2-256,
 * 256 KiB chunks and the balanced layout (174 links per node). {@link #cidV0()} is present when it
 * was asked for: the CIDv0 of a default {@code ipfs add} (dag-pb leaves, same chunks and layout).
 *
 * @since 0.1.0
 */
public final class FileCids {
  private final Cid cidV1;
  private final Cid cidV0;
  private final long size;
  private final long leafCount;
  private final long dagSize;

  private FileCids(Builder builder) {
    this.cidV1 = Objects.requireNonNull(builder.cidV1, "cidV1");
    this.cidV0 = builder.cidV0;
    if (builder.size < 0 || builder.leafCount < 1) {
      throw new IllegalArgumentException("size >= 0 and leafCount >= 1: " + builder.size + ", " + builder.leafCount);
    }
    this.size = builder.size;
    this.leafCount = builder.leafCount;
    if (builder.dagSize < builder.size) {
      throw new IllegalArgumentException("dagSize >= size: " + builder.dagSize + " < " + builder.size);
    }
    this.dagSize = builder.dagSize;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this object's values. */
  public Builder toBuilder() {
    return new Builder().cidV1(cidV1).cidV0(cidV0).size(size).leafCount(leafCount).dagSize(dagSize);
  }

  /** The root CIDv1 with raw leaves, in base32 ({@code bafk…} for one chunk, {@code bafy…} above). */
  public Cid cidV1() {
    return cidV1;
  }

  /** The root CIDv0 ({@code Qm…}), when it was computed. */
  public Optional<Cid> cidV0() {
    return Optional.ofNullable(cidV0);
  }

  /** The file's length in bytes. */
  public long size() {
    return size;
  }

  /** The number of chunks (leaves); an empty file has one empty leaf. */
  public long leafCount() {
    return leafCount;
  }

  /**
   * The cumulative size of the CIDv1 DAG: every block's bytes, leaves and nodes. This is the
   * {@code Size} that {@code add?cid-version=1&raw-leaves=true} reports, and the {@code Tsize} of a
   * link to the root; it equals {@link #size()} for a file of one chunk.
   */
  public long dagSize() {
    return dagSize;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileCids other && cidV1.equals(other.cidV1) && Objects.equals(cidV0, other.cidV0)
        && size == other.size && leafCount == other.leafCount && dagSize == other.dagSize;
  }

  @Override
  public int hashCode() {
    return Objects.hash(cidV1, cidV0, size, leafCount, dagSize);
  }

  @Override
  public String toString() {
    return "FileCids{cidV1=" + cidV1 + (cidV0 == null ? "" : ", cidV0=" + cidV0) + ", size=" + size
        + ", leafCount=" + leafCount + ", dagSize=" + dagSize + "}";
  }

  /**
   * Builds a {@link FileCids}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Cid cidV1;
    private Cid cidV0;
    private long size = -1;
    private long leafCount = -1;
    private long dagSize = -1;

    private Builder() {}

    /** Sets the root CIDv1; required. */
    public Builder cidV1(Cid cidV1) {
      this.cidV1 = Objects.requireNonNull(cidV1, "cidV1");
      return this;
    }

    /** Sets the root CIDv0, or {@code null} for none. */
    public Builder cidV0(Cid cidV0) {
      this.cidV0 = cidV0;
      return this;
    }

    /** Sets the size in bytes; required. */
    public Builder size(long size) {
      this.size = size;
      return this;
    }

    /** Sets the number of leaves; required. */
    public Builder leafCount(long leafCount) {
      this.leafCount = leafCount;
      return this;
    }

    /** Sets the cumulative size of the CIDv1 DAG; required, at least the size. */
    public Builder dagSize(long dagSize) {
      this.dagSize = dagSize;
      return this;
    }

    /** The {@link FileCids}. */
    public FileCids build() {
      return new FileCids(this);
    }
  }
}
