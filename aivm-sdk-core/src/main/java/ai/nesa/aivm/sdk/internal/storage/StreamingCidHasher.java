package ai.nesa.aivm.sdk.internal.storage;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.storage.CidHasher;
import ai.nesa.aivm.sdk.storage.FileCids;
import ai.nesa.aivm.sdk.storage.LeafListener;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Cuts a byte stream into fixed-size chunks and builds the file's balanced DAGs as the chunks end:
 * the raw-leaves CIDv1 DAG always, the dag-pb-leaves CIDv0 DAG when asked.
 *
 * <p>Each byte is hashed once for CIDv1, straight from the caller's buffer. CIDv0 hashes it a second
 * time: its leaf is the chunk wrapped in a protobuf whose prefix holds the chunk's length, which is
 * known only when the chunk ends, so that mode copies the chunk into a buffer first.
 */
public final class StreamingCidHasher implements CidHasher {
  private final int chunkSize;
  private final boolean withV0;
  private final LeafListener listener;
  private final MessageDigest rawLeaf = sha256();
  private final MessageDigest v0Leaf;
  private final byte[] chunk;
  private final byte[] fullPrefix;
  private final byte[] fullSuffix;
  private final BalancedDag v1Dag;
  private final BalancedDag v0Dag;
  private int inChunk;
  private long leaves;
  private long size;
  private boolean finished;

  /**
   * A hasher cutting {@code chunkSize}-byte chunks under nodes of at most {@code maxLinks} links.
   *
   * @param withV0 whether to build the CIDv0 DAG too
   * @param listener told each leaf, or {@code null}
   */
  public StreamingCidHasher(int chunkSize, int maxLinks, boolean withV0, LeafListener listener) {
    if (chunkSize < 1 || maxLinks < 2) {
      throw new IllegalArgumentException("chunkSize >= 1 and maxLinks >= 2: " + chunkSize + ", " + maxLinks);
    }
    this.chunkSize = chunkSize;
    this.withV0 = withV0;
    this.listener = listener;
    MessageDigest nodes = sha256();
    this.v1Dag = new BalancedDag(maxLinks, 1, nodes);
    if (withV0) {
      this.v0Leaf = sha256();
      this.chunk = new byte[chunkSize];
      this.fullPrefix = DagPb.leafPrefix(chunkSize);
      this.fullSuffix = DagPb.leafSuffix(chunkSize);
      this.v0Dag = new BalancedDag(maxLinks, 0, nodes);
    } else {
      this.v0Leaf = null;
      this.chunk = null;
      this.fullPrefix = null;
      this.fullSuffix = null;
      this.v0Dag = null;
    }
  }

  @Override
  public void update(byte[] bytes, int offset, int length) {
    requireOpen();
    Objects.checkFromIndexSize(offset, length, bytes.length);
    while (length > 0) {
      int n = Math.min(length, chunkSize - inChunk);
      rawLeaf.update(bytes, offset, n);
      if (withV0) {
        System.arraycopy(bytes, offset, chunk, inChunk, n);
      }
      take(n);
      offset += n;
      length -= n;
    }
  }

  @Override
  public void update(ByteBuffer bytes) {
    requireOpen();
    while (bytes.hasRemaining()) {
      int n = Math.min(bytes.remaining(), chunkSize - inChunk);
      if (withV0) {
        bytes.get(chunk, inChunk, n);
        rawLeaf.update(chunk, inChunk, n);
      } else {
        rawLeaf.update(bytes.slice(bytes.position(), n));
        bytes.position(bytes.position() + n);
      }
      take(n);
    }
  }

  private void take(int n) {
    inChunk += n;
    size += n;
    if (inChunk == chunkSize) {
      endChunk();
    }
  }

  @Override
  public FileCids finish() {
    requireOpen();
    finished = true;
    if (inChunk > 0 || leaves == 0) {
      endChunk(); // js-ipfs and Kubo make an empty file one empty leaf
    }
    DagPb.Link v1Root = v1Dag.finish();
    FileCids.Builder result = FileCids.builder()
        .cidV1(new Cid(Multicodec.text(v1Root.cid())))
        .dagSize(v1Root.tsize())
        .size(size)
        .leafCount(leaves);
    if (withV0) {
      result.cidV0(new Cid(Multicodec.text(v0Dag.finish().cid())));
    }
    return result.build();
  }

  private void endChunk() {
    int length = inChunk;
    byte[] rawCid = Multicodec.cidV1(Multicodec.RAW, rawLeaf.digest());
    v1Dag.addLeaf(new DagPb.Link(rawCid, length, length));
    if (withV0) {
      boolean full = length == chunkSize;
      byte[] prefix = full ? fullPrefix : DagPb.leafPrefix(length);
      byte[] suffix = full ? fullSuffix : DagPb.leafSuffix(length);
      v0Leaf.update(prefix);
      v0Leaf.update(chunk, 0, length);
      v0Leaf.update(suffix);
      byte[] v0Cid = Multicodec.cidV0(v0Leaf.digest());
      v0Dag.addLeaf(new DagPb.Link(v0Cid, prefix.length + length + suffix.length, length));
    }
    if (listener != null) {
      listener.onLeaf(leaves, size - length, length, new Cid(Multicodec.text(rawCid)));
    }
    leaves++;
    inChunk = 0;
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("this CidHasher has finished");
    }
  }

  /** A fresh SHA-256; every JDK has it. */
  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
