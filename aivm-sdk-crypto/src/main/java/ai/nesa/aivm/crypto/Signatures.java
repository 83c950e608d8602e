package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.internal.sign.EcdsaVerifier;
import ai.nesa.aivm.crypto.internal.sign.PublicKeyRecovery;
import ai.nesa.aivm.crypto.internal.sign.RecoverableSignature;
import java.math.BigInteger;
import java.security.MessageDigest;
import org.bouncycastle.util.BigIntegers;

/**
 * Recovers and verifies Ethereum signatures over 32-byte digests.
 *
 * <p>Verifying throws on every failure and returns nothing, so there is no boolean to forget:
 * <pre>{@code
 * Signatures.verify(Eip712.hash(receipt), signature, node.address()); // throws unless node signed
 * }</pre>
 * For messages and typed data, {@link Eip191#verify} and {@link Eip712#verify} compute the digest.
 *
 * <h2>Security guarantees</h2>
 * <ul>
 *   <li>r and s must be in [1, n-1] and s ≤ n/2 (EIP-2), so a signature cannot be re-shaped into
 *       a second valid one (malleability);
 *   <li>{@link #verify(Hash32, Signature, Address)} recovers the signer's address and compares it
 *       with the expected one in constant time; the recovered key is also checked with plain ECDSA
 *       verification, independently of the recovery arithmetic;
 *   <li>the recovery id must name a point on the curve; the point at infinity is refused.
 * </ul>
 * Limits: a valid signature proves who signed the digest, not that the signer meant what the
 * caller shows a user. And since a genuine (r, s, v) recovers <em>some</em> key from any digest,
 * a tampered digest or message is reported as {@code SIGNER_MISMATCH}, not {@code
 * SIGNATURE_INVALID}: without the expected address, no check could tell.
 *
 * @since 0.1.0
 */
public final class Signatures {
  private Signatures() {}

  /**
   * The public key that made a signature over a digest.
   *
   * @throws CryptoException {@code SIGNATURE_HIGH_S} when s > n/2, {@code SIGNATURE_INVALID} when
   *     no key can have made it (r is no curve point's x, or the key would be the point at infinity)
   */
  public static EthPublicKey recoverPublicKey(Hash32 digest, Signature signature) {
    requireLowS(signature);
    RecoverableSignature raw = new RecoverableSignature(signature.r(), signature.s(), signature.recoveryId());
    return new EthPublicKey(PublicKeyRecovery.recover(digest.bytes(), raw));
  }

  /**
   * The address that made a signature over a digest.
   *
   * @throws CryptoException as {@link #recoverPublicKey}
   */
  public static Address recover(Hash32 digest, Signature signature) {
    return recoverPublicKey(digest, signature).address();
  }

  /**
   * Checks that {@code expected} signed {@code digest}.
   *
   * @throws CryptoException {@code SIGNATURE_HIGH_S} when s > n/2, {@code SIGNATURE_INVALID} when
   *     no key can have made the signature, {@code SIGNER_MISMATCH} when another key did (which is
   *     also what a tampered digest gives)
   */
  public static void verify(Hash32 digest, Signature signature, Address expected) {
    Address signer = recover(digest, signature);
    if (!MessageDigest.isEqual(signer.bytes(), expected.bytes())) {
      throw new CryptoException(Check.SIGNER_MISMATCH, "signed by " + signer + ", expected " + expected);
    }
  }

  /**
   * Checks a 64-byte {@code r ‖ s} signature (no v) over {@code digest} against a public key.
   *
   * @throws CryptoException {@code SIGNATURE_MALFORMED} for a length other than 64 or r or s
   *     outside [1, n-1], {@code SIGNATURE_HIGH_S} when s > n/2, {@code SIGNATURE_INVALID} when it
   *     does not verify
   */
  public static void verify(Hash32 digest, byte[] rs, EthPublicKey publicKey) {
    if (rs.length != 64) {
      throw new CryptoException(Check.SIGNATURE_MALFORMED, "an r ‖ s signature is 64 bytes, not " + rs.length);
    }
    BigInteger r = BigIntegers.fromUnsignedByteArray(rs, 0, 32);
    BigInteger s = BigIntegers.fromUnsignedByteArray(rs, 32, 32);
    EcdsaVerifier.verify(publicKey.point(), digest.bytes(), r, s, EcdsaVerifier.SPolicy.LOW_ONLY);
  }

  private static void requireLowS(Signature signature) {
    if (!signature.isLowS()) {
      throw new CryptoException(Check.SIGNATURE_HIGH_S, "s is above n/2; Ethereum accepts only the low-s form (EIP-2)");
    }
  }
}
