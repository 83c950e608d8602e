package ai.nesa.aivm.crypto.internal;

import ai.nesa.aivm.crypto.CryptoException;
import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/** The secp256k1 curve, with BouncyCastle's constant-time custom implementation. */
public final class Secp256k1 {
  private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
  /** Curve, generator, order and cofactor for BouncyCastle's EC engines. */
  public static final ECDomainParameters DOMAIN =
      new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
  /** The group order n. */
  public static final BigInteger N = PARAMS.getN();
  /** n / 2: the largest s a low-s (EIP-2) signature may have. */
  public static final BigInteger HALF_N = N.shiftRight(1);

  private Secp256k1() {}

  /** d·G, with a multiplier that does not branch on the scalar. */
  public static ECPoint multiplyG(BigInteger d) {
    return new FixedPointCombMultiplier().multiply(DOMAIN.getG(), d).normalize();
  }

  /** Whether {@code d} is a valid private scalar: 1 ≤ d < n. */
  public static boolean isValidScalar(BigInteger d) {
    return d.signum() > 0 && d.compareTo(N) < 0;
  }

  /**
   * Decodes a public point: 65 bytes uncompressed ({@code 04 ‖ x ‖ y}), 33 bytes compressed
   * ({@code 02|03 ‖ x}), or 64 bytes raw ({@code x ‖ y}, as Ethereum tooling often writes it).
   *
   * @throws CryptoException {@code POINT_NOT_ON_CURVE} for a point off the curve or at infinity,
   *     {@code FORMAT} for any other length or prefix
   */
  public static ECPoint decodePoint(byte[] encoded) {
    byte[] bytes = encoded;
    if (encoded.length == 64) {
      bytes = new byte[65];
      bytes[0] = 0x04;
      System.arraycopy(encoded, 0, bytes, 1, 64);
    }
    if (!(bytes.length == 65 && bytes[0] == 0x04 || bytes.length == 33 && (bytes[0] == 0x02 || bytes[0] == 0x03))) {
      throw new CryptoException(CryptoException.Check.FORMAT,
          "a secp256k1 public key is 65 bytes (04‖x‖y), 33 bytes (02|03‖x) or 64 bytes (x‖y), not "
              + encoded.length + " bytes starting " + (encoded.length == 0 ? "nothing" : String.format("%02x", encoded[0])));
    }
    ECPoint point;
    try {
      point = DOMAIN.getCurve().decodePoint(bytes);
    } catch (IllegalArgumentException e) {
      throw new CryptoException(CryptoException.Check.POINT_NOT_ON_CURVE, "the public key is not a point on secp256k1", e);
    }
    if (point.isInfinity() || !point.isValid()) {
      throw new CryptoException(CryptoException.Check.POINT_NOT_ON_CURVE, "the public key is not a valid point on secp256k1");
    }
    return point.normalize();
  }
}
