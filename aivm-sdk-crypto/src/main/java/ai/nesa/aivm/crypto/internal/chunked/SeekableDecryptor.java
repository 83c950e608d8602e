package ai.nesa.aivm.crypto.internal.chunked;

import ai.nesa.aivm.crypto.ChunkedDecryptor;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.SecretBytes;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@link ChunkedDecryptor} over a {@link SeekableByteChannel}: a chunk is read and authenticated
 * whole, and the last one decrypted is kept, so reading a chunk a piece at a time decrypts it
 * once.
 */
public final class SeekableDecryptor implements ChunkedDecryptor {
  private final SeekableByteChannel channel;
  private final ChunkCipher cipher;
  private final long ciphertextSize;
  private final long chunkCount;
  private final long plaintextSize;
  private final byte[] sealed = new byte[Layout.SEALED_CHUNK_SIZE];
  private final byte[] plain = new byte[Layout.CHUNK_SIZE];
  private long cachedIndex = -1;
  private int cachedLength;
  private boolean closed;

  private SeekableDecryptor(SeekableByteChannel channel, ChunkCipher cipher, long ciphertextSize, long chunkCount) {
    this.channel = channel;
    this.cipher = cipher;
    this.ciphertextSize = ciphertextSize;
    this.chunkCount = chunkCount;
    this.plaintextSize = ciphertextSize - Layout.HEADER_SIZE - chunkCount * Layout.TAG_SIZE;
  }

  /**
   * Checks the key size, the commitment, the channel's size and the final chunk, in that order.
   * The channel is not closed when this throws; the caller still owns it.
   */
  public static SeekableDecryptor open(Aead aead, SecretBytes key, byte[] context, SeekableByteChannel channel)
      throws IOException {
    MessageKeys.checkKeySize(aead, key);
    long size = channel.size();
    byte[] header = new byte[Layout.HEADER_SIZE];
    int n = readAt(channel, 0, header, Layout.HEADER_SIZE);
    if (n < Layout.HEADER_SIZE) {
      throw new CryptoException(Check.TRUNCATED, "the ciphertext has " + n + " bytes, fewer than the "
          + Layout.HEADER_SIZE + "-byte header");
    }
    MessageKeys keys = MessageKeys.derive(aead, key, Arrays.copyOfRange(header, 0, Layout.SALT_SIZE), context);
    try {
      keys.checkCommitment(Arrays.copyOfRange(header, Layout.SALT_SIZE, Layout.HEADER_SIZE));
    } catch (CryptoException e) {
      keys.wipe();
      throw e;
    }
    long chunks;
    try {
      chunks = Layout.chunkCount(size);
    } catch (CryptoException e) {
      keys.wipe();
      throw e;
    }
    SeekableDecryptor decryptor = new SeekableDecryptor(channel, keys.newCipher(), size, chunks);
    // Authenticates the length: only an honest encryption made a valid final chunk at this index.
    decryptor.load(chunks - 1);
    return decryptor;
  }

  @Override
  public long plaintextSize() {
    return plaintextSize;
  }

  @Override
  public long chunkCount() {
    return chunkCount;
  }

  @Override
  public synchronized byte[] decryptChunk(long index) throws IOException {
    Objects.checkIndex(index, chunkCount);
    load(index);
    return Arrays.copyOf(plain, cachedLength);
  }

  @Override
  public synchronized int read(long position, ByteBuffer dst) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("negative position " + position);
    }
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (position >= plaintextSize) {
      return -1;
    }
    long end = Math.min(plaintextSize, position + dst.remaining());
    int total = 0;
    for (long at = position; at < end; ) {
      load(at / Layout.CHUNK_SIZE);
      int from = (int) (at % Layout.CHUNK_SIZE);
      int n = (int) Math.min(cachedLength - from, end - at);
      dst.put(plain, from, n);
      at += n;
      total += n;
    }
    return total;
  }

  @Override
  public synchronized byte[] read(long position, int length) throws IOException {
    Objects.checkFromIndexSize(position, length, plaintextSize);
    byte[] out = new byte[length];
    ByteBuffer dst = ByteBuffer.wrap(out);
    if (length > 0) {
      read(position, dst);
    }
    return out;
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    cachedIndex = -1;
    Arrays.fill(plain, (byte) 0);
    channel.close();
  }

  /** Makes chunk {@code index} the cached one, reading and authenticating it unless it already is. */
  private void load(long index) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    if (index == cachedIndex) {
      return;
    }
    cachedIndex = -1;
    long offset = Layout.chunkOffset(index);
    int length = (int) Math.min(Layout.SEALED_CHUNK_SIZE, ciphertextSize - offset);
    int n = readAt(channel, offset, sealed, length);
    if (n < length) {
      throw new CryptoException(Check.TRUNCATED, "chunk " + index + " is cut short: the ciphertext shrank to "
          + (offset + n) + " bytes after it was opened at " + ciphertextSize);
    }
    try {
      cachedLength = cipher.open(index, sealed, 0, length, plain, 0);
    } catch (CryptoException e) {
      Arrays.fill(plain, (byte) 0);
      throw e;
    }
    cachedIndex = index;
  }

  /** Reads up to {@code length} bytes at {@code position}; fewer only at the channel's end. */
  private static int readAt(SeekableByteChannel channel, long position, byte[] b, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(b, 0, length);
    if (channel instanceof FileChannel file) {
      while (buffer.hasRemaining()) {
        if (file.read(buffer, position + buffer.position()) < 0) {
          break;
        }
      }
    } else {
      channel.position(position);
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          break;
        }
      }
    }
    return buffer.position();
  }
}
