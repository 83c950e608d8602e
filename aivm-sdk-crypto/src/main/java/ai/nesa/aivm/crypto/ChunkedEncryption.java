package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.internal.chunked.Aead;
import ai.nesa.aivm.crypto.internal.chunked.ChunkReader;
import ai.nesa.aivm.crypto.internal.chunked.ChunkWriter;
import ai.nesa.aivm.crypto.internal.chunked.DecryptingChannel;
import ai.nesa.aivm.crypto.internal.chunked.DecryptingInputStream;
import ai.nesa.aivm.crypto.internal.chunked.EncryptingChannel;
import ai.nesa.aivm.crypto.internal.chunked.EncryptingOutputStream;
import ai.nesa.aivm.crypto.internal.chunked.Io;
import ai.nesa.aivm.crypto.internal.chunked.Layout;
import ai.nesa.aivm.crypto.internal.chunked.SeekableDecryptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Authenticated encryption of large data in 16 KiB chunks, in the C2SP chunked-encryption v1
 * format (<a href="https://c2sp.org/chunked-encryption">c2sp.org/chunked-encryption</a>,
 * "Cobblestone"): streaming in constant memory both ways, and random access by chunk or byte
 * range. The SDK encrypts kernel weights with it.
 *
 * <pre>{@code
 * ChunkedEncryption weights = ChunkedEncryption.aes256Gcm();
 * SecretBytes key = weights.newKey();
 * try (InputStream in = Files.newInputStream(plain); OutputStream out = Files.newOutputStream(sealed)) {
 *   weights.encrypt(key, in, out);
 * }
 * try (ChunkedDecryptor d = weights.openDecryptor(key, sealed)) {
 *   byte[] slice = d.read(1_000_000, 4096);      // decrypts only the chunks under the range
 * }
 * }</pre>
 *
 * <h2>The format</h2>
 * {@code salt (24 random bytes) || commitment (32) || chunk 0 || chunk 1 || ...}. The AEAD key,
 * base nonce and commitment come from HKDF-Expand-SHA-512 of the input key, with the AEAD's name,
 * the salt and the {@linkplain #withContext(byte[]) context} in the info. Every chunk holds 16,384
 * bytes of plaintext except the last, which is shorter and may be empty; each is sealed with
 * AES-GCM under the base nonce XOR its index, with a 16-byte tag. The ciphertext is 56 bytes
 * plus 16 bytes a chunk longer than the plaintext ({@link #ciphertextSize(long)}).
 * {@link #aes256Gcm()} (Cobblestone-256) is the SDK's choice; {@link #aes128Gcm()}
 * (Cobblestone-128) is there for other producers of the format.
 *
 * <h2>Security guarantees</h2>
 * <ul>
 *   <li><b>Confidentiality and integrity</b> of the plaintext under a uniformly random key ({@link
 *       #newKey()}), with a fresh random salt, and so a fresh AEAD key and nonce, for every
 *       message: encrypting many files under one key is safe (the salt space gives a birthday
 *       bound of about 2^80 messages).
 *   <li><b>Key commitment</b>: the header commits to the key and the context. A wrong key or
 *       context fails before any chunk is decrypted, with {@link CryptoException.Check#KEY_COMMITMENT},
 *       and no second key can open the same ciphertext to other plaintext.
 *   <li><b>No unauthenticated plaintext</b>: a chunk is authenticated whole, with one AEAD call,
 *       before any byte of it is released. When a check fails, what was released is the
 *       authenticated plaintext of the chunks before the failing one, and nothing of it.
 *   <li><b>Order, truncation and extension</b>: a chunk moved, duplicated or taken from another
 *       message fails ({@code AUTHENTICATION}). The message ends with its one short final chunk,
 *       so a ciphertext cut at a chunk boundary fails ({@code TRUNCATED}), one of an impossible
 *       size fails ({@code LENGTH}), and data appended after the final chunk fails ({@code
 *       TRAILING_DATA}, or {@code AUTHENTICATION} when the extension cannot be told from damage).
 *       A streaming reader only signals the end (-1) once the final chunk authenticated; {@link
 *       ChunkedDecryptor} authenticates the final chunk, and so the size, when it opens.
 * </ul>
 *
 * <h2>Limits</h2>
 * <ul>
 *   <li>The plaintext's length is visible: ciphertext size minus 56, minus 16 a chunk.
 *   <li>A streaming reader releases verified chunks as it goes, so a caller can see the start of a
 *       message that turns out truncated or damaged further on. Treat nothing as complete until
 *       the reader reached its end (or {@code decrypt} returned); delete partial output on an
 *       exception.
 *   <li>At most 2^38 chunks a message, 4 PiB: encryption stops with {@code LENGTH} there.
 *   <li>The context is authenticated through the commitment but not stored: the decrypting side
 *       must know it.
 *   <li>Keys are {@link SecretBytes}; the JDK's cipher keeps its own copy of the derived AES key,
 *       which cannot be wiped.
 *   <li>To tell appended data from damage, a chunk that fails is tried as a shorter final chunk at
 *       every length: up to 16,384 extra AES-GCM attempts (about 0.1 s) each time a chunk fails.
 *       A service decrypting untrusted input pays that per bad input.
 * </ul>
 *
 * <h2>Threads</h2>
 * A {@code ChunkedEncryption} is immutable and thread-safe; share it. Each stream, channel or
 * decryptor it makes is for one message, and the streams and channels are for one thread.
 *
 * @since 0.1.0
 */
public final class ChunkedEncryption {
  /** Bytes of plaintext in every chunk but the last. */
  public static final int CHUNK_SIZE = Layout.CHUNK_SIZE;

  /** Chunks per read and write in the one-call forms: 128 KiB, an eighth of the system calls. */
  private static final int ONE_CALL_BATCH = 8;
  private static final SecureRandom DEFAULT_RANDOM = new SecureRandom();
  private static final byte[] NO_CONTEXT = new byte[0];

  private final Aead aead;
  private final byte[] context;
  private final SecureRandom random;

  private ChunkedEncryption(Aead aead, byte[] context, SecureRandom random) {
    this.aead = aead;
    this.context = context;
    this.random = random;
  }

  /** Cobblestone-256: AES-256-GCM chunks, 32-byte keys. The SDK's default. */
  public static ChunkedEncryption aes256Gcm() {
    return new ChunkedEncryption(Aead.AES_256_GCM, NO_CONTEXT, DEFAULT_RANDOM);
  }

  /** Cobblestone-128: AES-128-GCM chunks, 16-byte keys. */
  public static ChunkedEncryption aes128Gcm() {
    return new ChunkedEncryption(Aead.AES_128_GCM, NO_CONTEXT, DEFAULT_RANDOM);
  }

  /**
   * The same scheme bound to {@code context}: application data, such as a file's role, that both
   * sides know and that goes into the key derivation. Decrypting with another context fails the
   * key commitment. Empty by default.
   */
  public ChunkedEncryption withContext(byte[] context) {
    return new ChunkedEncryption(aead, context.clone(), random);
  }

  /** The same scheme drawing salts and keys from {@code random}; tests pass a fixed one. */
  public ChunkedEncryption withRandom(SecureRandom random) {
    return new ChunkedEncryption(aead, context, Objects.requireNonNull(random, "random"));
  }

  /** The AEAD's IANA name: {@code AEAD_AES_256_GCM} or {@code AEAD_AES_128_GCM}. */
  public String aeadName() {
    return aead.ianaName();
  }

  /** Bytes of key this scheme takes: 32 or 16. */
  public int keySize() {
    return aead.keySize();
  }

  /** A new uniformly random key of {@link #keySize()} bytes. */
  public SecretBytes newKey() {
    return SecretBytes.random(aead.keySize(), random);
  }

  /**
   * A stream that encrypts what is written to it into {@code ciphertext}. {@link
   * OutputStream#close()} writes the final chunk and closes {@code ciphertext}: without it the
   * ciphertext is truncated. {@code flush()} pushes out complete chunks only.
   *
   * @throws CryptoException {@link CryptoException.Check#INVALID_KEY} when the key has the wrong
   *     size
   */
  public OutputStream encryptingStream(SecretBytes key, OutputStream ciphertext) {
    return new EncryptingOutputStream(ciphertext,
        ChunkWriter.start(aead, key, context, random, Io.sink(ciphertext), 1));
  }

  /**
   * A stream of the plaintext of {@code ciphertext}. The header is read and the commitment
   * checked at the first read. Its reads throw {@link CryptoException} (unchecked) at the first
   * chunk that fails, having returned only authenticated bytes, and again on every later read;
   * they return -1 only once the final chunk authenticated. Closing it closes {@code ciphertext}.
   *
   * @throws CryptoException {@link CryptoException.Check#INVALID_KEY} when the key has the wrong
   *     size
   */
  public InputStream decryptingStream(SecretBytes key, InputStream ciphertext) {
    return new DecryptingInputStream(ciphertext, ChunkReader.start(aead, key, context, Io.source(ciphertext), 1));
  }

  /**
   * The channel twin of {@link #encryptingStream}: {@code close()} writes the final chunk and
   * closes {@code ciphertext}, which must be blocking.
   *
   * @throws CryptoException {@link CryptoException.Check#INVALID_KEY} when the key has the wrong
   *     size
   * @throws IllegalArgumentException when {@code ciphertext} is a non-blocking channel
   */
  public WritableByteChannel encryptingChannel(SecretBytes key, WritableByteChannel ciphertext) {
    return new EncryptingChannel(ciphertext, ChunkWriter.start(aead, key, context, random, Io.sink(ciphertext), 1));
  }

  /**
   * The channel twin of {@link #decryptingStream}, with the same checks; {@code ciphertext} must
   * be blocking.
   *
   * @throws CryptoException {@link CryptoException.Check#INVALID_KEY} when the key has the wrong
   *     size
   * @throws IllegalArgumentException when {@code ciphertext} is a non-blocking channel
   */
  public ReadableByteChannel decryptingChannel(SecretBytes key, ReadableByteChannel ciphertext) {
    return new DecryptingChannel(ciphertext, ChunkReader.start(aead, key, context, Io.source(ciphertext), 1));
  }

  /**
   * Encrypts everything {@code plaintext} gives into {@code ciphertext}, final chunk included;
   * closes neither.
   *
   * @return the plaintext bytes encrypted
   * @throws CryptoException {@link CryptoException.Check#INVALID_KEY} for a key of the wrong size;
   *     {@link CryptoException.Check#LENGTH} past 2^38 chunks
   * @throws IOException when reading or writing fails; what was written is then truncated
   */
  public long encrypt(SecretBytes key, InputStream plaintext, OutputStream ciphertext) throws IOException {
    return encrypt(key, Io.source(plaintext), Io.sink(ciphertext));
  }

  /**
   * Decrypts {@code ciphertext} into {@code plaintext}, writing chunks only once they
   * authenticated; closes neither. When this throws, {@code plaintext} may have received
   * authenticated chunks from before the one that failed, never any of it: discard it.
   *
   * @return the plaintext bytes written
   * @throws CryptoException when a check fails (see {@link CryptoException.Check}: {@code
   *     INVALID_KEY}, {@code TRUNCATED}, {@code KEY_COMMITMENT}, {@code AUTHENTICATION}, {@code
   *     LENGTH}, {@code TRAILING_DATA})
   * @throws IOException when reading or writing fails
   */
  public long decrypt(SecretBytes key, InputStream ciphertext, OutputStream plaintext) throws IOException {
    return decrypt(key, Io.source(ciphertext), Io.sink(plaintext));
  }

  /**
   * {@link #encrypt(SecretBytes, InputStream, OutputStream)} between blocking channels.
   *
   * @return the plaintext bytes encrypted
   * @throws CryptoException as the stream form
   * @throws IOException when reading or writing fails
   */
  public long encrypt(SecretBytes key, ReadableByteChannel plaintext, WritableByteChannel ciphertext)
      throws IOException {
    return encrypt(key, Io.source(plaintext), Io.sink(ciphertext));
  }

  /**
   * {@link #decrypt(SecretBytes, InputStream, OutputStream)} between blocking channels.
   *
   * @return the plaintext bytes written
   * @throws CryptoException as the stream form
   * @throws IOException when reading or writing fails
   */
  public long decrypt(SecretBytes key, ReadableByteChannel ciphertext, WritableByteChannel plaintext)
      throws IOException {
    return decrypt(key, Io.source(ciphertext), Io.sink(plaintext));
  }

  /**
   * The ciphertext of a message held in memory.
   *
   * @throws CryptoException {@link CryptoException.Check#INVALID_KEY} for a key of the wrong size
   */
  public byte[] encrypt(SecretBytes key, byte[] plaintext) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
        Layout.ciphertextSize(plaintext.length)));
    try {
      encrypt(key, new ByteArrayInputStream(plaintext), out);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory streams do not fail", e);
    }
    return out.toByteArray();
  }

  /**
   * The plaintext of a ciphertext held in memory; nothing is returned unless all of it
   * authenticated.
   *
   * @throws CryptoException when a check fails, as {@link #decrypt(SecretBytes, InputStream,
   *     OutputStream)}
   */
  public byte[] decrypt(SecretBytes key, byte[] ciphertext) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(0, ciphertext.length - Layout.HEADER_SIZE));
    try {
      decrypt(key, new ByteArrayInputStream(ciphertext), out);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory streams do not fail", e);
    }
    return out.toByteArray();
  }

  /**
   * Opens {@code ciphertext} for random access; see {@link ChunkedDecryptor} for what is checked
   * now and what at each read. The decryptor closes the channel when it is closed; if this
   * throws, the channel is left open for the caller.
   *
   * @throws CryptoException {@code INVALID_KEY}, {@code TRUNCATED}, {@code KEY_COMMITMENT},
   *     {@code LENGTH}, or {@code AUTHENTICATION} / {@code TRAILING_DATA} from the final chunk
   * @throws IOException when the channel cannot be read
   */
  public ChunkedDecryptor openDecryptor(SecretBytes key, SeekableByteChannel ciphertext) throws IOException {
    return SeekableDecryptor.open(aead, key, context, ciphertext);
  }

  /**
   * Opens the file {@code ciphertext} for random access; the decryptor owns the file channel.
   *
   * @throws CryptoException as {@link #openDecryptor(SecretBytes, SeekableByteChannel)}
   * @throws IOException when the file cannot be opened or read
   */
  public ChunkedDecryptor openDecryptor(SecretBytes key, Path ciphertext) throws IOException {
    FileChannel channel = FileChannel.open(ciphertext, StandardOpenOption.READ);
    try {
      return SeekableDecryptor.open(aead, key, context, channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * The ciphertext size of a message of {@code plaintextSize} bytes: 56 + the plaintext + 16 for
   * each of its {@code plaintextSize / 16384 + 1} chunks.
   *
   * @throws IllegalArgumentException when {@code plaintextSize} is negative or above 4 PiB - 1
   */
  public static long ciphertextSize(long plaintextSize) {
    return Layout.ciphertextSize(plaintextSize);
  }

  /**
   * The plaintext size of a ciphertext of {@code ciphertextSize} bytes, unauthenticated: a
   * {@link ChunkedDecryptor} authenticates it.
   *
   * @throws CryptoException {@link CryptoException.Check#TRUNCATED} or {@link
   *     CryptoException.Check#LENGTH} when no ciphertext has that size
   */
  public static long plaintextSize(long ciphertextSize) {
    return Layout.plaintextSize(ciphertextSize);
  }

  @Override
  public String toString() {
    return "ChunkedEncryption[" + aead.ianaName() + ", context of " + context.length + " bytes]";
  }

  private long encrypt(SecretBytes key, Io.Source plaintext, Io.Sink ciphertext) throws IOException {
    ChunkWriter writer = ChunkWriter.start(aead, key, context, random, ciphertext, ONE_CALL_BATCH);
    try {
      long n = writer.transferFrom(plaintext);
      writer.finish();
      return n;
    } finally {
      writer.abandon();
    }
  }

  private long decrypt(SecretBytes key, Io.Source ciphertext, Io.Sink plaintext) throws IOException {
    ChunkReader reader = ChunkReader.start(aead, key, context, ciphertext, ONE_CALL_BATCH);
    try {
      return reader.transferTo(plaintext);
    } finally {
      reader.close();
    }
  }
}
