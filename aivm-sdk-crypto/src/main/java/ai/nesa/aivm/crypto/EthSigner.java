package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.internal.sign.DeterministicEcdsa;
import ai.nesa.aivm.crypto.internal.sign.RecoverableSignature;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Something that signs 32-byte digests as an Ethereum account: a local private key ({@link
 * #of(EthPrivateKey)}), or a wallet, hardware device or remote signer behind this interface.
 *
 * <p>Sign messages through {@link Eip191#sign} and typed data through {@link Eip712#sign}, which
 * compute the digest; {@link #sign(Hash32)} signs whatever digest it is given, so hand it only
 * digests you computed yourself.
 *
 * <h2>Security guarantees</h2>
 * The signer from {@link #of(EthPrivateKey)}:
 * <ul>
 *   <li>draws the nonce k by RFC 6979 (HMAC-SHA256), so the same key and digest always give the
 *       same signature, byte for byte the one ethers and libsecp256k1 give, and no weak random
 *       number generator can leak the key;
 *   <li>multiplies with BouncyCastle's fixed-point comb and inverts k in constant time, as
 *       BouncyCastle's own ECDSA does (the remaining {@code BigInteger} arithmetic is not
 *       guaranteed constant time by the JDK);
 *   <li>emits s ≤ n/2 (EIP-2) and v of 27 or 28;
 *   <li>recovers the address from every signature before returning it, so a fault or a bug
 *       cannot release a signature that does not verify;
 *   <li>never prints the key: its {@code toString()} shows the address only.
 * </ul>
 * It is thread-safe. It does not copy the key: destroying the {@link EthPrivateKey} disables it.
 *
 * @since 0.1.0
 */
public interface EthSigner {
  /** The account that signs. */
  Address address();

  /**
   * Signs a 32-byte digest.
   *
   * @return r ‖ s ‖ v with s ≤ n/2 and v of 27 or 28
   */
  Signature sign(Hash32 digest);

  /** A signer holding a local private key. */
  static EthSigner of(EthPrivateKey key) {
    Objects.requireNonNull(key, "key");
    return new EthSigner() {
      @Override
      public Address address() {
        return key.address();
      }

      @Override
      public Signature sign(Hash32 digest) {
        BigInteger d = key.scalar();
        RecoverableSignature raw = DeterministicEcdsa.sign(d, digest.bytes());
        Signature signature = new Signature(raw.r(), raw.s(), 27 + raw.recoveryId());
        if (!Signatures.recover(digest, signature).equals(key.address())) {
          throw new IllegalStateException("a signature failed its own check and was not released (a fault?)");
        }
        return signature;
      }

      @Override
      public String toString() {
        return "EthSigner[" + key.address() + "]";
      }
    };
  }
}
