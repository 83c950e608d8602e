package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.internal.Secp256k1;
import java.math.BigInteger;
import org.bouncycastle.util.BigIntegers;

/**
 * An Ethereum signature: 65 bytes {@code r ‖ s ‖ v}, as {@code personal_sign}, {@code
 * eth_signTypedData} and ethers write it.
 *
 * <p>r and s are checked to be in [1, n-1] and v to be a recovery id, so a {@code Signature}
 * always has the form of a signature. Whether it verifies is {@link Signatures}' business; a high
 * s is representable here so that verification can reject it by name ({@code SIGNATURE_HIGH_S}).
 *
 * <h2>v</h2>
 * Accepted as 27/28 (Ethereum's convention) or 0/1 (the raw recovery id) and held as 27/28, which
 * is what {@link #toBytes()} writes and what this SDK's signers emit, as ethers does.
 *
 * @param r the x-coordinate of the nonce point, mod n
 * @param s the proof, in [1, n-1]
 * @param v 27 or 28 (0 and 1 are accepted and stored as 27 and 28)
 * @since 0.1.0
 */
public record Signature(BigInteger r, BigInteger s, int v) {
  /** The length of the encoded form. */
  public static final int LENGTH = 65;

  /**
   * @throws CryptoException {@code SIGNATURE_MALFORMED} when r or s is outside [1, n-1] or v is
   *     not 0, 1, 27 or 28
   */
  public Signature {
    if (r == null || s == null || !Secp256k1.isValidScalar(r) || !Secp256k1.isValidScalar(s)) {
      throw new CryptoException(Check.SIGNATURE_MALFORMED, "r and s must each be in [1, n-1]");
    }
    if (v == 0 || v == 1) {
      v += 27;
    }
    if (v != 27 && v != 28) {
      throw new CryptoException(Check.SIGNATURE_MALFORMED, "v must be 27 or 28 (or 0 or 1), not " + v);
    }
  }

  /**
   * Decodes 65 bytes {@code r ‖ s ‖ v}.
   *
   * @throws CryptoException {@code SIGNATURE_MALFORMED} for any other length, r or s outside [1,
   *     n-1], or a v that is not 0, 1, 27 or 28
   */
  public static Signature fromBytes(byte[] bytes) {
    if (bytes.length != LENGTH) {
      throw new CryptoException(Check.SIGNATURE_MALFORMED, "a signature is 65 bytes (r ‖ s ‖ v), not " + bytes.length);
    }
    return new Signature(BigIntegers.fromUnsignedByteArray(bytes, 0, 32),
        BigIntegers.fromUnsignedByteArray(bytes, 32, 32), bytes[64] & 0xff);
  }

  /**
   * Decodes {@code 0x} and 130 hex digits.
   *
   * @throws CryptoException {@code SIGNATURE_MALFORMED} when the text is not hex, or as {@link
   *     #fromBytes}
   */
  public static Signature fromHex(String hex) {
    byte[] bytes;
    try {
      bytes = Hex.decode(hex);
    } catch (IllegalArgumentException e) {
      throw new CryptoException(Check.SIGNATURE_MALFORMED, "the signature is not hex: " + e.getMessage(), e);
    }
    return fromBytes(bytes);
  }

  /** 65 bytes: r and s as 32-byte big-endian numbers, then v (27 or 28). */
  public byte[] toBytes() {
    byte[] out = new byte[LENGTH];
    BigIntegers.asUnsignedByteArray(r, out, 0, 32);
    BigIntegers.asUnsignedByteArray(s, out, 32, 32);
    out[64] = (byte) v;
    return out;
  }

  /** {@code 0x} and 130 lower-case hex digits. */
  public String toHex() {
    return Hex.encode(toBytes());
  }

  /** The recovery id: 0 or 1 (v − 27). */
  public int recoveryId() {
    return v - 27;
  }

  /** Whether s ≤ n/2, the only form Ethereum accepts (EIP-2). */
  public boolean isLowS() {
    return s.compareTo(Secp256k1.HALF_N) <= 0;
  }

  @Override
  public String toString() {
    return toHex();
  }
}
