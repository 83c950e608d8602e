package ai.nesa.aivm.crypto.internal.ecies;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.internal.Secp256k1;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Elliptic-curve Diffie–Hellman on secp256k1 giving the whole shared point, as eciesjs uses it
 * (not only its x-coordinate, as SEC 1's ECDH primitive and Wycheproof's vectors do).
 */
public final class Ecdh {
  private Ecdh() {}

  /**
   * d·Q, encoded uncompressed ({@code 04 ‖ x ‖ y}, 65 bytes).
   *
   * <p>The comb multiplier is used for the variable point too: its precomputation depends on the
   * public point only, and its table look-ups do not branch on the scalar, whereas the curve's
   * default (GLV with wNAF) does. It costs about twice a default multiplication, which does not
   * matter for wrapping keys.
   *
   * @param d a private scalar in [1, n)
   * @param q a public point, already decoded
   * @throws CryptoException {@code POINT_NOT_ON_CURVE} when q is not a valid point of secp256k1
   *     or the product is the point at infinity
   */
  public static byte[] sharedPoint(BigInteger d, ECPoint q) {
    if (!Secp256k1.isValidScalar(d)) {
      throw new IllegalArgumentException("a secp256k1 scalar is in [1, n)");
    }
    // A point of another curve object, or one built without validation, must not reach the
    // multiplier: an invalid-curve attack would learn the scalar modulo small orders.
    if (q.isInfinity() || !q.getCurve().equals(Secp256k1.DOMAIN.getCurve()) || !q.isValid()) {
      throw new CryptoException(CryptoException.Check.POINT_NOT_ON_CURVE,
          "the public key is not a valid point on secp256k1");
    }
    ECPoint shared = new FixedPointCombMultiplier().multiply(q, d).normalize();
    if (shared.isInfinity()) {
      // Impossible for a valid point of the prime-order group and d in [1, n); checked anyway.
      throw new CryptoException(CryptoException.Check.POINT_NOT_ON_CURVE,
          "the shared point is the point at infinity");
    }
    return shared.getEncoded(false);
  }
}
