package ai.nesa.aivm.crypto.internal.sign;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.internal.Secp256k1;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/** The public key that made an ECDSA signature, from the digest, r, s and the recovery id (SEC 1, 4.1.6). */
public final class PublicKeyRecovery {
  private PublicKeyRecovery() {}

  /**
   * Q = r⁻¹(s·R − e·G), where R is the curve point with x = r (+ n when bit 1 of the recovery id
   * is set) and the y parity of bit 0.
   *
   * @throws CryptoException {@code SIGNATURE_MALFORMED} for r or s outside [1, n), a recovery id
   *     outside 0–3 or a digest that is not 32 bytes; {@code SIGNATURE_INVALID} when no curve point
   *     has that x, or the key would be the point at infinity
   */
  public static ECPoint recover(byte[] digest, RecoverableSignature signature) {
    BigInteger r = signature.r();
    BigInteger s = signature.s();
    int recoveryId = signature.recoveryId();
    EcdsaVerifier.requireRange(r, s);
    EcdsaVerifier.requireDigest(digest);
    if (recoveryId < 0 || recoveryId > 3) {
      throw new CryptoException(Check.SIGNATURE_MALFORMED, "the recovery id must be 0 to 3, not " + recoveryId);
    }
    BigInteger n = Secp256k1.N;
    ECCurve curve = Secp256k1.DOMAIN.getCurve();
    BigInteger x = (recoveryId & 2) == 0 ? r : r.add(n);
    if (!curve.isValidFieldElement(x)) {
      throw new CryptoException(Check.SIGNATURE_INVALID, "the recovery id points past the field: no such nonce point");
    }
    ECPoint bigR;
    try {
      byte[] compressed = new byte[33];
      compressed[0] = (byte) ((recoveryId & 1) == 0 ? 0x02 : 0x03);
      BigIntegers.asUnsignedByteArray(x, compressed, 1, 32);
      bigR = curve.decodePoint(compressed);
    } catch (IllegalArgumentException e) {
      throw new CryptoException(Check.SIGNATURE_INVALID, "r is not the x-coordinate of a point on secp256k1", e);
    }
    BigInteger e = new BigInteger(1, digest).mod(n);
    BigInteger rInverse = BigIntegers.modOddInverseVar(n, r);
    BigInteger u1 = n.subtract(e).multiply(rInverse).mod(n);
    BigInteger u2 = s.multiply(rInverse).mod(n);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.DOMAIN.getG(), u1, bigR, u2).normalize();
    if (q.isInfinity()) {
      throw new CryptoException(Check.SIGNATURE_INVALID, "the signature recovers the point at infinity");
    }
    // Recovery implies verification, but a second, independent check keeps a bug in the lines
    // above from ever turning into an accepted forgery.
    EcdsaVerifier.verify(q, digest, r, s, EcdsaVerifier.SPolicy.ANY);
    return q;
  }
}
