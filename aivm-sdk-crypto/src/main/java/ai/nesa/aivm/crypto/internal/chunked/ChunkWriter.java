package ai.nesa.aivm.crypto.internal.chunked;

import ai.nesa.aivm.crypto.SecretBytes;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * The encrypting core behind the stream and channel wrappers and the one-call forms: buffers
 * plaintext, seals a chunk as soon as 16 KiB are in (a full chunk is never the last one), and
 * seals the short final chunk, possibly empty, on {@link #finish()}.
 *
 * <p>A writer made for {@code batch} chunks reads and writes up to that many chunks per I/O call:
 * 1 for the streams and channels, so every complete chunk goes out at once; more for the one-call
 * forms, to spare system calls. Memory is fixed either way: {@code batch} chunks of each buffer.
 *
 * <p>Each chunk index is sealed once: after any failure the writer refuses further use, so a
 * retry can never seal different plaintext under a nonce already used.
 */
public final class ChunkWriter {
  private enum State { OPEN, FINISHED, BROKEN }

  private final Io.Sink sink;
  private final ChunkCipher cipher;
  private final byte[] plain;
  private final byte[] sealed;
  private int buffered;
  private int pending;
  private long index;
  private long plaintextBytes;
  private State state = State.OPEN;

  private ChunkWriter(Io.Sink sink, ChunkCipher cipher, byte[] header, int batch) {
    this.sink = sink;
    this.cipher = cipher;
    this.plain = new byte[batch * Layout.CHUNK_SIZE];
    // The header goes out with the first chunk, in the same write.
    this.sealed = new byte[Layout.HEADER_SIZE + batch * Layout.SEALED_CHUNK_SIZE];
    System.arraycopy(header, 0, sealed, 0, Layout.HEADER_SIZE);
    this.pending = Layout.HEADER_SIZE;
  }

  /**
   * A writer for a new message: a fresh salt from {@code random}, the keys derived, nothing
   * written yet.
   *
   * @param batch chunks per read and write, at least 1
   */
  public static ChunkWriter start(Aead aead, SecretBytes key, byte[] context, SecureRandom random, Io.Sink sink,
      int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch " + batch);
    }
    MessageKeys.checkKeySize(aead, key);
    byte[] salt = new byte[Layout.SALT_SIZE];
    random.nextBytes(salt);
    MessageKeys keys = MessageKeys.derive(aead, key, salt, context);
    byte[] header = Arrays.copyOf(salt, Layout.HEADER_SIZE);
    System.arraycopy(keys.commitment(), 0, header, Layout.SALT_SIZE, Layout.COMMITMENT_SIZE);
    return new ChunkWriter(sink, keys.newCipher(), header, batch);
  }

  /** Encrypts {@code len} bytes of plaintext, sealing every chunk that fills up. */
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    checkOpen();
    try {
      if (buffered > 0) {
        int n = Math.min(len, Layout.CHUNK_SIZE - buffered);
        System.arraycopy(b, off, plain, buffered, n);
        buffered += n;
        off += n;
        len -= n;
        if (buffered == Layout.CHUNK_SIZE) {
          seal(plain, 0, Layout.CHUNK_SIZE);
          buffered = 0;
        }
      }
      // Whole chunks straight from the caller's array: no copy.
      while (len >= Layout.CHUNK_SIZE) {
        seal(b, off, Layout.CHUNK_SIZE);
        off += Layout.CHUNK_SIZE;
        len -= Layout.CHUNK_SIZE;
      }
      if (len > 0) {
        System.arraycopy(b, off, plain, buffered, len);
        buffered += len;
      }
    } catch (IOException | RuntimeException e) {
      fail();
      throw e;
    }
  }

  /**
   * Encrypts everything {@code source} gives until it ends, reading straight into the plaintext
   * buffer, up to a batch of chunks a read.
   */
  public long transferFrom(Io.Source source) throws IOException {
    checkOpen();
    long before = plaintextBytes + buffered;
    try {
      while (true) {
        int n = source.read(plain, buffered, plain.length - buffered);
        if (n < 0) {
          break;
        }
        buffered += n;
        int whole = buffered / Layout.CHUNK_SIZE * Layout.CHUNK_SIZE;
        for (int at = 0; at < whole; at += Layout.CHUNK_SIZE) {
          seal(plain, at, Layout.CHUNK_SIZE);
        }
        if (whole > 0) {
          buffered -= whole;
          System.arraycopy(plain, whole, plain, 0, buffered);
        }
      }
    } catch (IOException | RuntimeException e) {
      fail();
      throw e;
    }
    return plaintextBytes + buffered - before;
  }

  /** Writes out the chunks sealed so far; a partly filled chunk stays buffered. */
  public void flush() throws IOException {
    checkOpen();
    try {
      // Before the first chunk is sealed there is only the header, which waits for it.
      if (index > 0 && pending > 0) {
        writePending();
      }
    } catch (IOException | RuntimeException e) {
      fail();
      throw e;
    }
  }

  /** Seals the final short chunk (empty if the plaintext filled its last chunk) and writes everything out. */
  public void finish() throws IOException {
    checkOpen();
    try {
      if (buffered >= Layout.CHUNK_SIZE) {
        throw new IllegalStateException("a whole chunk was left unsealed");
      }
      seal(plain, 0, buffered);
      buffered = 0;
      writePending();
      state = State.FINISHED;
    } catch (IOException | RuntimeException e) {
      fail();
      throw e;
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /** Plaintext bytes sealed so far; buffered bytes of an unfinished chunk do not count. */
  public long plaintextBytes() {
    return plaintextBytes;
  }

  /** Gives up without a final chunk: what was written is a truncated ciphertext. */
  public void abandon() {
    if (state == State.OPEN) {
      fail();
    }
  }

  private void seal(byte[] b, int off, int len) throws IOException {
    // The index moves on first: if sealing or writing fails, this index is spent either way.
    pending += cipher.seal(index++, b, off, len, sealed, pending);
    plaintextBytes += len;
    // Write out as soon as another sealed chunk would not fit: with a batch of 1, every chunk.
    if (sealed.length - pending < Layout.SEALED_CHUNK_SIZE) {
      writePending();
    }
  }

  private void writePending() throws IOException {
    int n = pending;
    pending = 0;
    sink.write(sealed, 0, n);
  }

  private void checkOpen() throws IOException {
    switch (state) {
      case FINISHED -> throw new IOException("the ciphertext is finished; nothing more can be written");
      case BROKEN -> throw new IOException("an earlier write failed, so the ciphertext is incomplete; start again");
      default -> { }
    }
  }

  private void fail() {
    state = State.BROKEN;
    buffered = 0;
    Arrays.fill(plain, (byte) 0);
  }
}
