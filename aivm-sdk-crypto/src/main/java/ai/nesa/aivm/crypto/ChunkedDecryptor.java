package ai.nesa.aivm.crypto;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Random-access decryption of one {@link ChunkedEncryption} ciphertext held in a seekable
 * channel: any chunk or any byte range of the plaintext, reading and authenticating only the
 * chunks that hold it.
 *
 * <pre>{@code
 * try (ChunkedDecryptor weights = ChunkedEncryption.aes256Gcm().openDecryptor(key, Path.of("model.enc"))) {
 *   byte[] tensor = weights.read(offset, length);   // only the chunks under [offset, offset + length)
 * }
 * }</pre>
 *
 * <h2>What opening checks</h2>
 * Opening reads the header and checks the key commitment, checks that the channel's size is one
 * a ciphertext can have, and authenticates the final chunk, so {@link #plaintextSize()} is
 * authenticated: a truncated or extended ciphertext fails there. The chunks in between are
 * authenticated when they are read: a damaged chunk fails the read that needs it, not the open.
 *
 * <h2>Threads and the channel</h2>
 * Methods are synchronized, so one decryptor can be shared; reads from several threads take
 * turns. The decryptor moves the channel's position (unless it is a {@link
 * java.nio.channels.FileChannel}, which it reads positionally), and {@link #close()} closes the
 * channel.
 *
 * @since 0.1.0
 */
public interface ChunkedDecryptor extends Closeable {
  /** Bytes of plaintext, authenticated by the final chunk when the decryptor was opened. */
  long plaintextSize();

  /** Chunks in the ciphertext, the final short one included: at least 1. */
  long chunkCount();

  /**
   * The plaintext of chunk {@code index}: 16,384 bytes, or fewer for the final chunk.
   *
   * @throws IndexOutOfBoundsException when {@code index} is not in {@code [0, chunkCount())}
   * @throws CryptoException {@link CryptoException.Check#AUTHENTICATION} when the chunk does not
   *     authenticate at its index; {@link CryptoException.Check#TRUNCATED} when the channel has
   *     shrunk since it was opened
   * @throws IOException when the channel cannot be read
   */
  byte[] decryptChunk(long index) throws IOException;

  /**
   * Reads plaintext from {@code position} into {@code dst}, as {@link
   * java.nio.channels.FileChannel#read(ByteBuffer, long)} does: as many bytes as fit, or up to
   * the end of the plaintext.
   *
   * <p>When a chunk fails, the bytes of the chunks before it that already went into {@code dst}
   * are authenticated plaintext; nothing of the failing chunk went in.
   *
   * @return the bytes read; -1 when {@code position} is at or past the end and {@code dst} has
   *     room
   * @throws IllegalArgumentException when {@code position} is negative
   * @throws CryptoException as {@link #decryptChunk(long)}
   * @throws IOException when the channel cannot be read
   */
  int read(long position, ByteBuffer dst) throws IOException;

  /**
   * The plaintext bytes {@code [position, position + length)}.
   *
   * @throws IndexOutOfBoundsException when the range is not inside {@code [0, plaintextSize())}
   * @throws CryptoException as {@link #decryptChunk(long)}
   * @throws IOException when the channel cannot be read
   */
  byte[] read(long position, int length) throws IOException;

  /** Wipes the decrypted chunk held in memory and closes the channel. */
  @Override
  void close() throws IOException;
}
