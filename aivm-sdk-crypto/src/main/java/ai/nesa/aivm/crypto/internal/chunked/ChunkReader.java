package ai.nesa.aivm.crypto.internal.chunked;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.SecretBytes;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * The decrypting core behind the stream and channel wrappers and the one-call forms: reads the
 * header and checks the commitment at the first read, then takes one sealed chunk at a time,
 * authenticates it whole and only then makes its plaintext available.
 *
 * <p>A chunk of 16 KiB + 16 bytes is never the last: the message ends with the first shorter
 * one, which must authenticate at its index. The end (-1) is reported only after that. Every
 * failure is sticky: later reads fail again rather than report an end.
 *
 * <p>A reader made for {@code batch} chunks reads up to that many sealed chunks per read, and
 * {@link #transferTo} writes up to that many authenticated chunks per write (the one-call forms
 * use several, to spare system calls; the streams and channels 1, so they never wait for more
 * than the next chunk). Chunks are still opened one at a time, each before any of it goes out.
 */
public final class ChunkReader {
  private final Aead aead;
  private final byte[] context;
  private final Io.Source source;
  private SecretBytes inputKey;
  private ChunkCipher cipher;
  private final byte[] sealed;
  private int sealedPos;
  private int sealedEnd;
  private boolean sourceEnded;
  private final byte[] plain;
  private int pos;
  private int limit;
  private long index;
  private boolean ended;
  private CryptoException failure;
  private boolean ioFailed;

  private ChunkReader(Aead aead, SecretBytes inputKey, byte[] context, Io.Source source, int batch) {
    this.sealed = new byte[batch * Layout.SEALED_CHUNK_SIZE];
    this.plain = new byte[batch * Layout.CHUNK_SIZE];
    this.aead = aead;
    this.inputKey = inputKey;
    this.context = context;
    this.source = source;
  }

  /**
   * A reader of {@code source}; reads nothing yet.
   *
   * @param batch sealed chunks per read, at least 1
   * @throws CryptoException {@link Check#INVALID_KEY} when the key has the wrong size
   */
  public static ChunkReader start(Aead aead, SecretBytes key, byte[] context, Io.Source source, int batch) {
    if (batch < 1) {
      throw new IllegalArgumentException("batch " + batch);
    }
    MessageKeys.checkKeySize(aead, key);
    byte[] copy = key.export();
    try {
      return new ChunkReader(aead, SecretBytes.copyOf(copy), context.clone(), source, batch);
    } finally {
      Arrays.fill(copy, (byte) 0);
    }
  }

  /**
   * Up to {@code len} bytes of authenticated plaintext: what is left of the current chunk, or the
   * next chunk once it verified. -1 after the final chunk verified.
   *
   * @throws CryptoException when a check fails; nothing of the failing chunk has been returned
   */
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (pos == limit && !next(0)) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(plain, pos, b, off, n);
    pos += n;
    return n;
  }

  /**
   * Writes the rest of the plaintext to {@code sink}, up to a batch of authenticated chunks a
   * write. When a chunk fails, authenticated chunks before it that were waiting for the write are
   * dropped with the plaintext buffer.
   */
  public long transferTo(Io.Sink sink) throws IOException {
    long total = limit - pos;
    if (pos < limit) {
      sink.write(plain, pos, limit - pos);
      pos = limit;
    }
    int filled = 0;
    while (next(filled)) {
      filled = pos = limit;
      if (plain.length - filled < Layout.CHUNK_SIZE) {
        sink.write(plain, 0, filled);
        total += filled;
        filled = 0;
      }
    }
    if (filled > 0) {
      sink.write(plain, 0, filled);
      total += filled;
    }
    pos = limit = 0;
    return total;
  }

  /** Plaintext bytes that can be read without reading or decrypting. */
  public int available() {
    return limit - pos;
  }

  /** Wipes the buffers and the key; later reads are the caller's bug. */
  public void close() {
    pos = limit = 0;
    Arrays.fill(plain, (byte) 0);
    destroyInputKey();
  }

  /**
   * Makes the next chunk's plaintext available at {@code plain[at, limit)}; false at the
   * authenticated end.
   */
  private boolean next(int at) throws IOException {
    if (failure != null) {
      throw new CryptoException(failure.check(), "the ciphertext already failed a check (" + failure.getMessage() + ")",
          failure);
    }
    if (ioFailed) {
      throw new IOException("an earlier read of the ciphertext failed; the stream cannot go on");
    }
    if (ended) {
      return false;
    }
    pos = limit = at;
    try {
      if (cipher == null) {
        readHeader();
      }
      if (sealedPos == sealedEnd && !sourceEnded) {
        sealedEnd = Io.readFully(source, sealed, 0, sealed.length);
        sealedPos = 0;
        sourceEnded = sealedEnd < sealed.length;
      }
      int n = Math.min(Layout.SEALED_CHUNK_SIZE, sealedEnd - sealedPos);
      boolean last = n < Layout.SEALED_CHUNK_SIZE;
      if (last && n == 0) {
        throw new CryptoException(Check.TRUNCATED, index == 0
            ? "the ciphertext has a header and no chunk"
            : "the ciphertext ends after " + index + " full chunks, without the final short chunk");
      }
      if (last && n < Layout.TAG_SIZE) {
        throw new CryptoException(Check.LENGTH, "the final chunk has " + n + " bytes, fewer than a "
            + Layout.TAG_SIZE + "-byte tag: no ciphertext has this size");
      }
      limit = at + cipher.open(index, sealed, sealedPos, n, plain, at);
      sealedPos += n;
      index++;
      ended = last;
      return limit > at;
    } catch (CryptoException e) {
      failure = e;
      Arrays.fill(plain, (byte) 0);
      destroyInputKey();
      throw e;
    } catch (IOException | RuntimeException e) {
      ioFailed = true;
      Arrays.fill(plain, (byte) 0);
      throw e;
    }
  }

  private void readHeader() throws IOException {
    byte[] header = new byte[Layout.HEADER_SIZE];
    int n = Io.readFully(source, header, 0, header.length);
    if (n < header.length) {
      throw new CryptoException(Check.TRUNCATED, "the ciphertext has " + n + " bytes, fewer than the "
          + Layout.HEADER_SIZE + "-byte header");
    }
    MessageKeys keys = MessageKeys.derive(aead, inputKey,
        Arrays.copyOfRange(header, 0, Layout.SALT_SIZE), context);
    destroyInputKey();
    try {
      keys.checkCommitment(Arrays.copyOfRange(header, Layout.SALT_SIZE, Layout.HEADER_SIZE));
    } catch (CryptoException e) {
      keys.wipe();
      throw e;
    }
    cipher = keys.newCipher();
  }

  private void destroyInputKey() {
    if (inputKey != null) {
      inputKey.destroy();
      inputKey = null;
    }
  }
}
