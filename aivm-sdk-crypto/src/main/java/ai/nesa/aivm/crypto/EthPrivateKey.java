package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.internal.Secp256k1;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * A secp256k1 private key: an Ethereum account's signing key, or a node's decryption key.
 *
 * <h2>Security guarantees</h2>
 * The key never prints itself ({@link #toString()} shows the address only), leaves only through
 * {@link #export()}, and {@link #destroy()} wipes the bytes this object holds. The scalar is
 * checked to be in [1, n). Limits are those of {@link SecretBytes}: the JVM may keep copies it
 * made before the key got here.
 *
 * @since 0.1.0
 */
public final class EthPrivateKey implements Destroyable {
  private final SecretBytes secret;
  private final EthPublicKey publicKey;

  private EthPrivateKey(SecretBytes secret) {
    byte[] d = secret.export();
    try {
      BigInteger scalar = new BigInteger(1, d);
      if (d.length != 32 || !Secp256k1.isValidScalar(scalar)) {
        secret.destroy();
        throw new CryptoException(CryptoException.Check.INVALID_KEY,
            "a secp256k1 private key is 32 bytes holding a number from 1 to n-1");
      }
      this.secret = secret;
      this.publicKey = new EthPublicKey(Secp256k1.multiplyG(scalar));
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  /** A new random key. */
  public static EthPrivateKey generate(SecureRandom random) {
    while (true) {
      SecretBytes candidate = SecretBytes.random(32, random);
      byte[] d = candidate.export();
      boolean valid = Secp256k1.isValidScalar(new BigInteger(1, d));
      Arrays.fill(d, (byte) 0);
      if (valid) {
        return new EthPrivateKey(candidate);
      }
      candidate.destroy(); // about one chance in 2^128: draw again
    }
  }

  /**
   * The key held in 32 bytes (a copy is taken).
   *
   * @throws CryptoException {@code INVALID_KEY} when the bytes are not a valid scalar
   */
  public static EthPrivateKey fromBytes(byte[] d) {
    return new EthPrivateKey(SecretBytes.copyOf(d));
  }

  /** The key held in a secret of 32 bytes (a copy is taken; the caller keeps its own). */
  public static EthPrivateKey fromSecret(SecretBytes d) {
    byte[] bytes = d.export();
    try {
      return fromBytes(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  public EthPublicKey publicKey() {
    return publicKey;
  }

  public Address address() {
    return publicKey.address();
  }

  /** The 32 key bytes, as a new secret the caller owns. */
  public SecretBytes export() {
    byte[] d = secret.export();
    try {
      return SecretBytes.copyOf(d);
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  /** The scalar, for this package's primitives; callers must not keep it. */
  BigInteger scalar() {
    byte[] d = secret.export();
    try {
      return new BigInteger(1, d);
    } finally {
      Arrays.fill(d, (byte) 0);
    }
  }

  @Override
  public void destroy() {
    secret.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return secret.isDestroyed();
  }

  @Override
  public String toString() {
    return "EthPrivateKey[address=" + publicKey.address() + ", key redacted]";
  }
}
