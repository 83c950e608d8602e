package ai.nesa.aivm.crypto.internal.chunked;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;

/**
 * The byte layout of a C2SP chunked-encryption v1 ciphertext: {@code salt (24) || commitment (32)
 * || chunk 0 || chunk 1 || ...}, each chunk sealed with a 16-byte tag, every chunk but the last
 * exactly 16 KiB of plaintext, the last one shorter (possibly empty).
 */
public final class Layout {
  public static final int SALT_SIZE = 24;
  public static final int COMMITMENT_SIZE = 32;
  public static final int HEADER_SIZE = SALT_SIZE + COMMITMENT_SIZE;
  public static final int CHUNK_SIZE = 16 * 1024;
  public static final int TAG_SIZE = 16;
  public static final int NONCE_SIZE = 12;
  public static final int SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE;
  /** The spec's ceiling: a chunk counter that reaches 2^38 must abort. */
  public static final long MAX_CHUNKS = 1L << 38;
  /** 2^38 chunks, the last one short: 4 PiB less one byte. */
  public static final long MAX_PLAINTEXT_SIZE = MAX_CHUNKS * CHUNK_SIZE - 1;

  private Layout() {}

  /** Where chunk {@code index} starts in the ciphertext. */
  public static long chunkOffset(long index) {
    return HEADER_SIZE + index * SEALED_CHUNK_SIZE;
  }

  /**
   * The ciphertext size of a message of {@code plaintextSize} bytes.
   *
   * @throws IllegalArgumentException for a negative size or one above {@link #MAX_PLAINTEXT_SIZE}
   */
  public static long ciphertextSize(long plaintextSize) {
    if (plaintextSize < 0 || plaintextSize > MAX_PLAINTEXT_SIZE) {
      throw new IllegalArgumentException(
          "a message has 0 to " + MAX_PLAINTEXT_SIZE + " bytes, not " + plaintextSize);
    }
    long fullChunks = plaintextSize / CHUNK_SIZE;
    return HEADER_SIZE + fullChunks * SEALED_CHUNK_SIZE + plaintextSize % CHUNK_SIZE + TAG_SIZE;
  }

  /**
   * The number of chunks in a ciphertext of {@code ciphertextSize} bytes, the final short one
   * included.
   *
   * @throws CryptoException {@link Check#TRUNCATED} when the size stops inside the header or at a
   *     chunk boundary (no final short chunk), {@link Check#LENGTH} when the final chunk would be
   *     shorter than a tag or the count exceeds 2^38
   */
  public static long chunkCount(long ciphertextSize) {
    if (ciphertextSize < HEADER_SIZE) {
      throw new CryptoException(Check.TRUNCATED,
          "the ciphertext has " + ciphertextSize + " bytes, fewer than the " + HEADER_SIZE + "-byte header");
    }
    long body = ciphertextSize - HEADER_SIZE;
    long fullChunks = body / SEALED_CHUNK_SIZE;
    int rest = (int) (body % SEALED_CHUNK_SIZE);
    if (fullChunks >= MAX_CHUNKS) {
      throw new CryptoException(Check.LENGTH, "a ciphertext of " + ciphertextSize
          + " bytes would hold more than the format's 2^38 chunks");
    }
    if (rest == 0) {
      throw new CryptoException(Check.TRUNCATED, "the ciphertext ends at a chunk boundary after "
          + fullChunks + " full chunks, without the final short chunk");
    }
    if (rest < TAG_SIZE) {
      throw new CryptoException(Check.LENGTH, "the final chunk has " + rest
          + " bytes, fewer than a " + TAG_SIZE + "-byte tag: no ciphertext has this size");
    }
    return fullChunks + 1;
  }

  /**
   * The plaintext size of a ciphertext of {@code ciphertextSize} bytes.
   *
   * @throws CryptoException as {@link #chunkCount(long)}
   */
  public static long plaintextSize(long ciphertextSize) {
    long chunks = chunkCount(ciphertextSize);
    return ciphertextSize - HEADER_SIZE - chunks * TAG_SIZE;
  }
}
