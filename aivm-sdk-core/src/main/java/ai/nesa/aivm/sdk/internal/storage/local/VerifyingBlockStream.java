package ai.nesa.aivm.sdk.internal.storage.local;

import ai.nesa.aivm.sdk.Cid;
import ai.nesa.aivm.sdk.internal.storage.LeafRoot;
import ai.nesa.aivm.sdk.storage.ContentIds;
import ai.nesa.aivm.sdk.storage.ContentMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads a range of a stored object one whole block at a time, hashing each block and comparing it
 * with its leaf digest before handing out any of its bytes.
 *
 * <p>Holds one block buffer, allocated on the first read. Not thread-safe.
 */
final class VerifyingBlockStream extends InputStream {
  private final FileChannel data;
  private final Cid object;
  private final long size;
  private final long firstBlock;
  private final byte[] digests;
  private final long end;
  private final MessageDigest sha256 = sha256();
  private byte[] block;
  private long blockIndex = -1;
  private int blockLength;
  private long position;
  private boolean closed;

  /**
   * A stream of bytes {@code [offset, offset + length)} of {@code object}, whose {@code size} bytes
   * are in {@code data}.
   *
   * @param digests the leaf digests of the blocks from {@code firstBlock} that cover the range
   */
  VerifyingBlockStream(FileChannel data, Cid object, long size, long firstBlock, byte[] digests, long offset,
      long length) {
    this.data = data;
    this.object = object;
    this.size = size;
    this.firstBlock = firstBlock;
    this.digests = digests;
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
    long index = position / ContentIds.CHUNK_SIZE;
    if (index != blockIndex) {
      load(index);
    }
    int within = (int) (position - index * ContentIds.CHUNK_SIZE);
    int n = (int) Math.min(Math.min(length, blockLength - within), end - position);
    System.arraycopy(block, within, bytes, offset, n);
    position += n;
    return n;
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
    if (closed || blockIndex < 0 || position >= end) {
      return 0;
    }
    long inBlock = blockIndex * ContentIds.CHUNK_SIZE + blockLength - position;
    return (int) Math.max(0, Math.min(inBlock, end - position));
  }

  private void load(long index) throws IOException {
    if (block == null) {
      block = new byte[ContentIds.CHUNK_SIZE];
    }
    blockIndex = -1; // until verified, the buffer holds nothing that may be handed out
    int length = LeafList.leafLength(size, index);
    long start = index * ContentIds.CHUNK_SIZE;
    ByteBuffer buffer = ByteBuffer.wrap(block, 0, length);
    while (buffer.hasRemaining()) {
      if (data.read(buffer, start + buffer.position()) < 0) {
        break; // the file shrank since it was opened; the hash below catches it
      }
    }
    sha256.update(block, 0, buffer.position());
    byte[] actual = sha256.digest();
    int at = (int) ((index - firstBlock) * LeafList.DIGEST_LENGTH);
    byte[] expected = Arrays.copyOfRange(digests, at, at + LeafList.DIGEST_LENGTH);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw ContentMismatchException.ofBlock(object, index, LeafRoot.rawLeaf(expected), LeafRoot.rawLeaf(actual));
    }
    blockIndex = index;
    blockLength = length;
  }

  private void requireOpen() throws IOException {
    if (closed) {
      throw new IOException("the stream of " + object + " is closed");
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    data.close();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
