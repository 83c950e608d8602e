package ai.nesa.aivm.crypto.internal.sign;

import ai.nesa.aivm.crypto.internal.Secp256k1;
import java.math.BigInteger;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA signing on secp256k1 with RFC 6979 nonces (HMAC-SHA256), low s and a recovery id: the
 * same bytes as ethers, libsecp256k1 and every other deterministic Ethereum signer.
 */
public final class DeterministicEcdsa {
  private DeterministicEcdsa() {}

  /**
   * Signs a 32-byte digest with the scalar {@code d} (checked by the caller to be in [1, n)).
   *
   * @return r and s in [1, n), s ≤ n/2, and a recovery id of 0 or 1
   */
  public static RecoverableSignature sign(BigInteger d, byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("an Ethereum digest is 32 bytes, not " + digest.length);
    }
    BigInteger n = Secp256k1.N;
    BigInteger e = new BigInteger(1, digest).mod(n);
    HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
    nonces.init(n, d, digest);
    while (true) {
      BigInteger k = nonces.nextK();
      ECPoint bigR = Secp256k1.multiplyG(k); // comb multiplier: no branch on k
      BigInteger x = bigR.getAffineXCoord().toBigInteger();
      // x ≥ n happens with probability ~2^-127, and then Ethereum's v cannot say which point R
      // was; RFC 6979 (3.2 step h) lets us draw the next k, as for r = 0 or s = 0.
      if (x.compareTo(n) >= 0 || x.signum() == 0) {
        continue;
      }
      BigInteger r = x;
      BigInteger kInverse = BigIntegers.modOddInverse(n, k); // constant time, as BouncyCastle's own ECDSASigner
      BigInteger s = BigIntegers.modMult(n, kInverse, BigIntegers.modAdd(n, e, BigIntegers.modMult(n, d, r)));
      if (s.signum() == 0) {
        continue;
      }
      int recoveryId = bigR.getAffineYCoord().testBitZero() ? 1 : 0;
      if (s.compareTo(Secp256k1.HALF_N) > 0) {
        // EIP-2: (r, n - s) is the same signature made with -k, whose point has the other y.
        s = n.subtract(s);
        recoveryId ^= 1;
      }
      return new RecoverableSignature(r, s, recoveryId);
    }
  }
}
