package ai.nesa.aivm.sdk.internal.storage.ipfs;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.ContentMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;

/**
 * Reads a range of an object from the node one raw leaf at a time ({@code block/get}), hashing
 * each leaf against its CID before handing out any of its bytes.
 *
 * <p>Holds one block. Not thread-safe.
 */
final class IpfsBlockStream extends InputStream {
  private final VerifiedBlocks blocks;
  private final Cid object;
  private final List<Leaf> leaves;
  private final long end;
  private byte[] block;
  private int leafIndex = -1;
  private int next;
  private long position;
  private boolean closed;

  IpfsBlockStream(VerifiedBlocks blocks, Cid object, List<Leaf> leaves, long offset, long length) {
    this.blocks = blocks;
    this.object = object;
    this.leaves = leaves;
    this.position = offset;
    this.end = offset + length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] bytes, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    requireOpen();
    if (position >= end) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    Leaf leaf = leafAt(position);
    int within = (int) (position - leaf.offset());
    int n = (int) Math.min(Math.min(length, leaf.length() - within), end - position);
    System.arraycopy(block, within, bytes, offset, n);
    position += n;
    return n;
  }

  /** The leaf holding {@code at}, loaded and verified. */
  private Leaf leafAt(long at) {
    if (leafIndex >= 0) {
      Leaf current = leaves.get(leafIndex);
      if (at >= current.offset() && at < current.offset() + current.length()) {
        return current;
      }
    }
    while (next < leaves.size() && leaves.get(next).offset() + leaves.get(next).length() <= at) {
      next++; // skipped past
    }
    Leaf leaf = leaves.get(next);
    leafIndex = -1; // until verified, the buffer holds nothing that may be handed out
    byte[] bytes = blocks.get(leaf.cid(), object, leaf.offset() / ContentIds.CHUNK_SIZE);
    if (bytes.length != leaf.length()) {
      throw new ContentMismatchException("block " + leaf.offset() / ContentIds.CHUNK_SIZE + " of " + object
          + " is " + bytes.length + " bytes, its parent says " + leaf.length(), leaf.cid().toCid(), null,
          leaf.offset() / ContentIds.CHUNK_SIZE);
    }
    block = bytes;
    leafIndex = next++;
    return leaf;
  }

  /** Skips without reading: skipped bytes are never handed out, so they need no verifying. */
  @Override
  public long skip(long n) throws IOException {
    requireOpen();
    long skipped = Math.max(0, Math.min(n, end - position));
    position += skipped;
    return skipped;
  }

  @Override
  public int available() {
    if (closed || leafIndex < 0 || position >= end) {
      return 0;
    }
    Leaf leaf = leaves.get(leafIndex);
    long inBlock = leaf.offset() + leaf.length() - position;
    return (int) Math.max(0, Math.min(inBlock, end - position));
  }

  private void requireOpen() throws IOException {
    if (closed) {
      throw new IOException("the stream of " + object + " is closed");
    }
  }

  @Override
  public void close() {
    closed = true;
    block = null;
  }
}
