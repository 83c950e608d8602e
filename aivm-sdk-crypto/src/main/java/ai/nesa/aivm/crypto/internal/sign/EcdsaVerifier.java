package ai.nesa.aivm.crypto.internal.sign;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.internal.Secp256k1;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA verification on secp256k1 of a digest passed in (Keccak-256 for Ethereum, SHA-256 for
 * the Wycheproof vectors). Inputs are public, so variable-time arithmetic is fine here.
 */
public final class EcdsaVerifier {
  private EcdsaVerifier() {}

  /** Whether s must be in the lower half of the order (EIP-2, Bitcoin's BIP-62 rule). */
  public enum SPolicy {
    /** Any s in [1, n): plain ECDSA, as the Wycheproof p1363 vectors expect. */
    ANY,
    /** s ≤ n/2 only: one valid signature per message and key, as Ethereum requires. */
    LOW_ONLY
  }

  /**
   * Checks (r, s) over a 32-byte digest against the public point {@code q}.
   *
   * @throws CryptoException {@code SIGNATURE_MALFORMED} when r or s is outside [1, n) or the
   *     digest is not 32 bytes, {@code SIGNATURE_HIGH_S} when the policy forbids s, {@code
   *     SIGNATURE_INVALID} when the signature does not verify
   */
  public static void verify(ECPoint q, byte[] digest, BigInteger r, BigInteger s, SPolicy policy) {
    requireRange(r, s);
    requireDigest(digest);
    if (policy == SPolicy.LOW_ONLY && s.compareTo(Secp256k1.HALF_N) > 0) {
      throw new CryptoException(Check.SIGNATURE_HIGH_S, "s is above n/2; Ethereum accepts only the low-s form (EIP-2)");
    }
    BigInteger n = Secp256k1.N;
    BigInteger e = new BigInteger(1, digest).mod(n);
    BigInteger w = BigIntegers.modOddInverseVar(n, s);
    BigInteger u1 = e.multiply(w).mod(n);
    BigInteger u2 = r.multiply(w).mod(n);
    ECPoint x = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.DOMAIN.getG(), u1, q, u2).normalize();
    if (x.isInfinity() || !x.getAffineXCoord().toBigInteger().mod(n).equals(r)) {
      throw new CryptoException(Check.SIGNATURE_INVALID, "the signature does not verify for this digest and key");
    }
  }

  /** r and s must be in [1, n): zero or a value at or past n is never an ECDSA signature. */
  static void requireRange(BigInteger r, BigInteger s) {
    if (!Secp256k1.isValidScalar(r) || !Secp256k1.isValidScalar(s)) {
      throw new CryptoException(Check.SIGNATURE_MALFORMED, "r and s must each be in [1, n-1]");
    }
  }

  static void requireDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new CryptoException(Check.SIGNATURE_MALFORMED, "a signed digest is 32 bytes, not " + digest.length);
    }
  }
}
