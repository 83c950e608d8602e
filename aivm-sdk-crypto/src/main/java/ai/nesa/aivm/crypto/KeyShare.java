package ai.nesa.aivm.crypto;

import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * One share of a secret split by {@link Shamir}: its index (the x at which the share's
 * polynomials were evaluated, 1 to 255) and its value (as many bytes as the secret).
 *
 * <h2>Encoding</h2>
 * <pre>
 *   version   1 byte    {@value #VERSION}
 *   index     1 byte    1 to 255
 *   value     16 to 255 bytes (34 bytes in all for a 32-byte data key)
 * </pre>
 * {@link #export()} writes it, {@link #fromBytes} reads it; {@link #exportHex()} and {@link
 * #fromHex} do the same in hex. A share is what gets wrapped to a node with {@link Ecies}.
 *
 * <h2>Security guarantees</h2>
 * A share is a secret: any k shares of one split give the key. It is held like {@link
 * SecretBytes}: it never prints its value, compares in constant time, can be wiped with {@link
 * #destroy()}, and leaves only through {@link #export()} or {@link #value()}. Fewer than k shares
 * say nothing about the key; see {@link Shamir}.
 *
 * @since 0.1.0
 */
public final class KeyShare implements Destroyable {
  /** The encoding's version byte. */
  public static final int VERSION = 1;

  private final int index;
  private final SecretBytes value;

  private KeyShare(int index, SecretBytes value) {
    this.index = index;
    this.value = value;
  }

  /**
   * The share with this index and value (a copy of the value is taken).
   *
   * @throws CryptoException {@code SHARES} when the index is not in 1..255 (index 0 would be the
   *     secret itself), {@code LENGTH} when the value is not 16 to 255 bytes
   */
  public static KeyShare of(int index, SecretBytes value) {
    checkIndex(index);
    checkLength(value.length());
    byte[] bytes = value.export();
    try {
      return new KeyShare(index, SecretBytes.copyOf(bytes));
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * Decodes {@code version ‖ index ‖ value}.
   *
   * @throws CryptoException {@code LENGTH} when the encoding is not 18 to 257 bytes, {@code FORMAT}
   *     for an unknown version, {@code SHARES} for index 0
   */
  public static KeyShare fromBytes(byte[] encoded) {
    if (encoded.length < 2) {
      throw new CryptoException(CryptoException.Check.LENGTH,
          "a key share is at least " + (2 + Shamir.MIN_SECRET_LENGTH) + " bytes (version, index, value), not " + encoded.length);
    }
    if ((encoded[0] & 0xff) != VERSION) {
      throw new CryptoException(CryptoException.Check.FORMAT,
          "a key share starts with version " + VERSION + ", not " + (encoded[0] & 0xff));
    }
    int index = encoded[1] & 0xff;
    checkIndex(index);
    checkLength(encoded.length - 2);
    return new KeyShare(index, SecretBytes.copyOf(Arrays.copyOfRange(encoded, 2, encoded.length)));
  }

  /**
   * Decodes the hex of {@link #fromBytes}'s encoding, with or without {@code 0x}.
   *
   * @throws CryptoException {@code FORMAT} when the text is not hex, and what {@link #fromBytes}
   *     throws
   */
  public static KeyShare fromHex(String hex) {
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      // The message names a position, never the digits.
      throw new CryptoException(CryptoException.Check.FORMAT, "the key share is not hex: " + e.getMessage());
    }
    try {
      return fromBytes(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The x of this share, 1 to 255. */
  public int index() {
    return index;
  }

  /** The length of the value, which is the length of the secret. */
  public int length() {
    return value.length();
  }

  /** The value, as a new secret the caller owns. */
  public SecretBytes value() {
    byte[] bytes = value.export();
    try {
      return SecretBytes.copyOf(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * The encoding {@code version ‖ index ‖ value}: a copy the caller owns and should wipe.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] export() {
    byte[] bytes = value.export();
    byte[] out = new byte[2 + bytes.length];
    out[0] = (byte) VERSION;
    out[1] = (byte) index;
    System.arraycopy(bytes, 0, out, 2, bytes.length);
    Arrays.fill(bytes, (byte) 0);
    return out;
  }

  /** {@link #export()} in hex, with {@code 0x}. */
  public String exportHex() {
    byte[] bytes = export();
    try {
      return Hex.encode(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The value's bytes, for {@link Shamir}; the caller wipes them. */
  byte[] valueBytes() {
    return value.export();
  }

  /** Overwrites the value with zeros. */
  @Override
  public void destroy() {
    value.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return value.isDestroyed();
  }

  /** Same index and same value, the value compared in constant time. */
  @Override
  public boolean equals(Object o) {
    return o instanceof KeyShare other && index == other.index & value.equals(other.value);
  }

  /** The index and length only. */
  @Override
  public int hashCode() {
    return Objects.hash(index, value.length());
  }

  @Override
  public String toString() {
    return "KeyShare[index=" + index + ", " + value.length() + " bytes, redacted"
        + (isDestroyed() ? ", destroyed" : "") + "]";
  }

  private static void checkIndex(int index) {
    if (index < 1 || index > Shamir.MAX_SHARES) {
      throw new CryptoException(CryptoException.Check.SHARES,
          "a share's index is 1 to " + Shamir.MAX_SHARES + " (0 would be the secret itself), not " + index);
    }
  }

  private static void checkLength(int length) {
    if (length < Shamir.MIN_SECRET_LENGTH || length > Shamir.MAX_SECRET_LENGTH) {
      throw new CryptoException(CryptoException.Check.LENGTH, "a share's value is " + Shamir.MIN_SECRET_LENGTH
          + " to " + Shamir.MAX_SECRET_LENGTH + " bytes, like the secret, not " + length);
    }
  }
}
