package ai.nesa.aivm.crypto;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.internal.keystore.KdfLimits;
import ai.nesa.aivm.crypto.internal.keystore.Passwords;
import ai.nesa.aivm.crypto.internal.keystore.V3Keystore;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Ethereum keystore files (Web3 Secret Storage v3, the JSON "wallet" geth, ethers and most wallets
 * write): a private key encrypted under a password.
 *
 * <pre>{@code
 * String json = Keystore.encrypt(key, password, new SecureRandom());   // scrypt, geth's parameters
 * EthPrivateKey same = Keystore.decrypt(json, password);
 * }</pre>
 *
 * <h2>What is read and written</h2>
 * Read: key derivation {@code scrypt} (any N, r, p, including r = 1) or {@code pbkdf2} with
 * {@code hmac-sha256}; cipher {@code aes-128-ctr}; member names in any case ({@code crypto} or
 * {@code Crypto}); an optional {@code address}, which must then be the key's; an optional
 * {@code id}; other members (such as ethers' {@code x-ethers}) are ignored. Written: scrypt with
 * N = 262144, r = 8, p = 1 ({@link Params#STANDARD}, geth's standard), a 32-byte salt, a 16-byte
 * IV, a random version 4 UUID as {@code id}, and the address in lower case without {@code 0x}, in
 * geth's layout.
 *
 * <h2>Passwords</h2>
 * A {@code char[]} password is normalized to Unicode NFKC and encoded as UTF-8, as ethers does, so
 * the files interoperate with ethers for any password. geth does not normalize; for the rare geth
 * file whose password is not already NFKC (compatibility characters such as full-width letters),
 * pass the password's raw UTF-8 bytes to {@link #decrypt(String, byte[])}. Password arrays are
 * read, never changed: wipe them yourself.
 *
 * <h2>Security guarantees</h2>
 * <ul>
 *   <li>The MAC is checked in constant time before anything is decrypted; a wrong password and a
 *       damaged file both end in {@link CryptoException.Check#KEYSTORE_MAC}.
 *   <li>Key-derivation costs are bounded before anything is allocated, so a hostile file cannot
 *       exhaust memory or time: scrypt memory 128·r·N bytes at most 1 GiB, scrypt work N·r·p at
 *       most 2<sup>25</sup> (16 times the standard), PBKDF2 at most 2<sup>24</sup> iterations.
 *       Anything beyond is {@link CryptoException.Check#KEYSTORE_FORMAT}.
 *   <li>The derived key, the plaintext key and every intermediate buffer the SDK owns (including
 *       scrypt's table) are overwritten before returning. No key material appears in an exception
 *       message.
 * </ul>
 * Limits: the format's MAC does not cover the IV, so a damaged IV yields another key; the address
 * check catches that only when the file has an address. An ASCII password never becomes a
 * {@code String}; any other passes through the JDK's normalizer, which copies it into one. The JDK's
 * AES and HMAC keep internal copies of their keys until garbage collected. Standard parameters take
 * 256 MiB of heap and about half a second to a second per operation.
 *
 * @since 0.1.0
 */
public final class Keystore {
  private Keystore() {}

  /**
   * The scrypt parameters a new keystore is written with. {@link #STANDARD} is geth's standard
   * and the default; lighter settings ({@code Params.ofN(1 << 12)}) are for tests and for keys
   * that are not worth the time.
   *
   * @param n the CPU and memory cost: a power of two, at least 2
   * @param r the block size, at least 1
   * @param p the parallelism, at least 1
   * @since 0.1.0
   */
  public record Params(int n, int r, int p) {
    /** N = 262144, r = 8, p = 1: geth's standard, 256 MiB. */
    public static final Params STANDARD = new Params(1 << 18, 8, 1);

    /**
     * Checks that the parameters are within what {@link Keystore#decrypt} reads, and within what
     * ethers and OpenSSL read: N &lt; 2<sup>16·r</sup> as RFC 7914 asks (so r = 1 needs
     * N &lt; 65536) and 128·r·(N + p) bytes at most 1 GiB + 1 KiB.
     *
     * @throws AivmValidationException naming {@code n}, {@code r}, {@code p} or {@code params} when
     *     a parameter or the combination is out of range
     */
    public Params {
      KdfLimits.Violation violation = KdfLimits.scryptForWriting(n, r, p);
      if (violation != null) {
        String path = violation.parameter().isEmpty() ? "params" : violation.parameter();
        throw AivmValidationException.of(path, "range", violation.message());
      }
    }

    /** Standard r = 8 and p = 1 with another N. */
    public static Params ofN(int n) {
      return new Params(n, 8, 1);
    }
  }

  /**
   * The private key in a keystore.
   *
   * @param json the keystore file's text
   * @param password normalized to NFKC and encoded as UTF-8; not changed
   * @throws CryptoException {@link CryptoException.Check#KEYSTORE_MAC} for a wrong password or a
   *     damaged file; {@link CryptoException.Check#KEYSTORE_FORMAT}, naming the JSON path at fault,
   *     for a file that is malformed, not version 3, uses an unsupported KDF or cipher, exceeds the
   *     cost bounds, or names another address than its key's; {@link CryptoException.Check#FORMAT}
   *     for a password with an unpaired surrogate
   */
  public static EthPrivateKey decrypt(String json, char[] password) {
    byte[] bytes = Passwords.nfkcUtf8(password);
    try {
      return V3Keystore.decrypt(json, bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * The private key in a keystore, with the password's bytes taken as they are (no
   * normalization), as geth takes them.
   *
   * @throws CryptoException as {@link #decrypt(String, char[])}
   */
  public static EthPrivateKey decrypt(String json, byte[] password) {
    return V3Keystore.decrypt(json, password);
  }

  /**
   * A new keystore for {@code key} with the {@linkplain Params#STANDARD standard} parameters.
   *
   * @param random the source of the salt, the IV and the id
   * @throws CryptoException {@link CryptoException.Check#FORMAT} for a password with an unpaired
   *     surrogate
   */
  public static String encrypt(EthPrivateKey key, char[] password, SecureRandom random) {
    return encrypt(key, password, random, Params.STANDARD);
  }

  /**
   * A new keystore for {@code key} with the given scrypt parameters.
   *
   * @param random the source of the salt, the IV and the id
   * @throws CryptoException {@link CryptoException.Check#FORMAT} for a password with an unpaired
   *     surrogate
   */
  public static String encrypt(EthPrivateKey key, char[] password, SecureRandom random, Params params) {
    byte[] bytes = Passwords.nfkcUtf8(password);
    try {
      return V3Keystore.encrypt(key, bytes, random, params.n(), params.r(), params.p());
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }
}
