package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.internal.Secp256k1;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A secp256k1 public key, checked to be a point on the curve: an Ethereum account's public key,
 * and the key a node's data keys are wrapped to.
 *
 * @since 0.1.0
 */
public final class EthPublicKey {
  private final ECPoint point;
  private final byte[] uncompressed;

  EthPublicKey(ECPoint point) {
    this.point = point.normalize();
    this.uncompressed = this.point.getEncoded(false);
  }

  /**
   * Decodes a key: 65 bytes uncompressed ({@code 04 ‖ x ‖ y}), 33 bytes compressed, or 64 bytes
   * {@code x ‖ y}.
   *
   * @throws CryptoException {@code POINT_NOT_ON_CURVE} for a point off the curve, {@code FORMAT}
   *     for a wrong length or prefix
   */
  public static EthPublicKey fromBytes(byte[] encoded) {
    return new EthPublicKey(Secp256k1.decodePoint(encoded));
  }

  /** Decodes a key written in hex, with or without {@code 0x}. */
  public static EthPublicKey fromHex(String hex) {
    try {
      return fromBytes(Hex.decode(hex));
    } catch (IllegalArgumentException e) {
      throw new CryptoException(CryptoException.Check.FORMAT, "the public key is not hex: " + e.getMessage(), e);
    }
  }

  /** 65 bytes: {@code 04 ‖ x ‖ y}. */
  public byte[] uncompressed() {
    return uncompressed.clone();
  }

  /** 33 bytes: {@code 02} or {@code 03} (the parity of y) {@code ‖ x}. */
  public byte[] compressed() {
    return point.getEncoded(true);
  }

  /** The Ethereum address: the last 20 bytes of Keccak-256 of {@code x ‖ y}. */
  public Address address() {
    byte[] hash = Keccak256.digest(Arrays.copyOfRange(uncompressed, 1, 65));
    return Address.fromBytes(Arrays.copyOfRange(hash, 12, 32));
  }

  /** The point, for this package's primitives. */
  ECPoint point() {
    return point;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EthPublicKey k && Arrays.equals(uncompressed, k.uncompressed);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(uncompressed);
  }

  /** The compressed key in hex. */
  @Override
  public String toString() {
    return Hex.encode(compressed());
  }
}
