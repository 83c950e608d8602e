package ai.nesa.aivm.crypto;

import ai.nesa.aivm.crypto.internal.Secp256k1;
import ai.nesa.aivm.crypto.internal.ecies.AesGcm;
import ai.nesa.aivm.crypto.internal.ecies.Ecdh;
import ai.nesa.aivm.crypto.internal.ecies.EciesKdf;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.math.ec.ECPoint;

/**
 * ECIES over secp256k1 in the wire format of the npm package {@code eciesjs} 0.5.0 with its
 * default configuration: how a kernel's data key reaches a node, encrypted to the node's public
 * key.
 *
 * <pre>{@code
 * byte[] wrapped = Ecies.wrapKey(node.publicKey(), dataKey, random);   // 129 bytes, for the node
 * SecretBytes dataKey = Ecies.unwrapKey(nodeKey, wrapped);             // on the node
 * }</pre>
 *
 * <h2>Wire format</h2>
 * <pre>
 *   ephemeral public key   65 bytes   04 ‖ x ‖ y (uncompressed), fresh for every message
 *   nonce                  16 bytes   random
 *   tag                    16 bytes   the AES-GCM tag
 *   ciphertext             as long as the plaintext (which may be empty)
 * </pre>
 * The AES-256-GCM key is HKDF-SHA256 with no salt (RFC 5869's default: 32 zero bytes) and no
 * info of {@code ephemeral public key ‖ shared point}, both uncompressed (65 + 65 bytes); the
 * shared point is the whole point r·Q, not only its x-coordinate. GCM runs with the 16-byte nonce
 * and no associated data. A ciphertext is therefore {@value #OVERHEAD} bytes longer than its
 * plaintext, and a wrapped 32-byte data key is {@value #WRAPPED_KEY_LENGTH} bytes. eciesjs's
 * {@code encrypt} / {@code decrypt} read and write exactly this, in both directions.
 *
 * <h2>Security guarantees</h2>
 * <ul>
 *   <li><b>Confidentiality and integrity to the holder of the private key.</b> Only the holder of
 *       the recipient's private key can read the plaintext, and any change to any byte is
 *       detected: {@link #decrypt} releases nothing unless the tag verifies.
 *   <li><b>No sender authentication.</b> Anyone who knows a public key can encrypt to it; a
 *       ciphertext says nothing about who made it. Bind the sender by signing what carries the
 *       ciphertext (an EIP-712 grant).
 *   <li><b>No context binding.</b> There is no associated data, so a ciphertext is not tied to a
 *       model, version or key epoch; the signed grant that carries it must say which.
 *   <li><b>No forward secrecy for the recipient.</b> Whoever later obtains the node's private key
 *       can decrypt every ciphertext ever made to it. Rotate keys and re-wrap.
 *   <li>The plaintext's length shows. Confidentiality rests on {@code random}: a fresh ephemeral
 *       key and nonce are drawn from it for every message.
 *   <li>Ephemeral keys that are not valid points of secp256k1 are refused before any
 *       multiplication (no invalid-curve attack), and the multiplication does not branch on the
 *       private scalar.
 * </ul>
 * Limits: intermediate secrets (shared point, AES key) are wiped, but the private scalars pass
 * through {@link java.math.BigInteger}s and JCA keeps its own copy of the AES key, neither of
 * which can be wiped.
 *
 * @since 0.1.0
 */
public final class Ecies {
  /** Length of the ephemeral public key at the start of a ciphertext: 65. */
  public static final int EPHEMERAL_KEY_LENGTH = 65;
  /** Length of the AES-GCM nonce: 16. */
  public static final int NONCE_LENGTH = 16;
  /** Length of the AES-GCM tag: 16. */
  public static final int TAG_LENGTH = AesGcm.TAG_LENGTH;
  /** Bytes a ciphertext adds to its plaintext, and the shortest possible ciphertext: 97. */
  public static final int OVERHEAD = EPHEMERAL_KEY_LENGTH + NONCE_LENGTH + TAG_LENGTH;
  /** Length of a data key that {@link #wrapKey} takes: 32. */
  public static final int DATA_KEY_LENGTH = 32;
  /** Length of a wrapped data key: 65 + 16 + 16 + 32 = 129. */
  public static final int WRAPPED_KEY_LENGTH = OVERHEAD + DATA_KEY_LENGTH;

  private static final byte[] NO_AAD = new byte[0];

  private Ecies() {}

  /**
   * Encrypts {@code plaintext} (any length, empty included) to {@code recipient}.
   *
   * @param random the source of the ephemeral key and the nonce
   * @return {@code ephemeral public key ‖ nonce ‖ tag ‖ ciphertext}, {@value #OVERHEAD} bytes
   *     longer than the plaintext
   */
  public static byte[] encrypt(EthPublicKey recipient, byte[] plaintext, SecureRandom random) {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(random, "random");
    EthPrivateKey ephemeral = EthPrivateKey.generate(random);
    byte[] nonce = new byte[NONCE_LENGTH];
    random.nextBytes(nonce);
    byte[] ephemeralPublic = ephemeral.publicKey().uncompressed();
    byte[] shared = null;
    byte[] key = null;
    try {
      shared = Ecdh.sharedPoint(ephemeral.scalar(), recipient.point());
      key = EciesKdf.derive(ephemeralPublic, shared);
      byte[] sealed = AesGcm.seal(key, nonce, NO_AAD, plaintext); // ciphertext ‖ tag
      int length = plaintext.length;
      byte[] out = new byte[OVERHEAD + length];
      System.arraycopy(ephemeralPublic, 0, out, 0, EPHEMERAL_KEY_LENGTH);
      System.arraycopy(nonce, 0, out, EPHEMERAL_KEY_LENGTH, NONCE_LENGTH);
      System.arraycopy(sealed, length, out, EPHEMERAL_KEY_LENGTH + NONCE_LENGTH, TAG_LENGTH);
      System.arraycopy(sealed, 0, out, OVERHEAD, length);
      return out;
    } finally {
      ephemeral.destroy();
      wipe(shared);
      wipe(key);
    }
  }

  /**
   * Decrypts a ciphertext made by {@link #encrypt} or by eciesjs's {@code encrypt}.
   *
   * @return the plaintext; the caller should wipe it when it is a secret
   * @throws CryptoException {@code LENGTH} for fewer than {@value #OVERHEAD} bytes; {@code FORMAT}
   *     when the ephemeral key is not uncompressed; {@code POINT_NOT_ON_CURVE} when it is not a
   *     point of secp256k1; {@code AUTHENTICATION} when the tag does not verify (a changed byte,
   *     or a ciphertext for another key)
   * @throws IllegalStateException when {@code key} was destroyed
   */
  public static byte[] decrypt(EthPrivateKey key, byte[] ciphertext) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (ciphertext.length < OVERHEAD) {
      throw new CryptoException(CryptoException.Check.LENGTH, "an ECIES ciphertext is at least " + OVERHEAD
          + " bytes (65-byte ephemeral key, 16-byte nonce, 16-byte tag), not " + ciphertext.length);
    }
    if (ciphertext[0] != 0x04) {
      throw new CryptoException(CryptoException.Check.FORMAT, String.format(
          "an ECIES ciphertext starts with an uncompressed ephemeral key (04 ‖ x ‖ y), not with %02x",
          ciphertext[0]));
    }
    byte[] ephemeralPublic = Arrays.copyOfRange(ciphertext, 0, EPHEMERAL_KEY_LENGTH);
    ECPoint ephemeral = Secp256k1.decodePoint(ephemeralPublic);
    byte[] nonce = Arrays.copyOfRange(ciphertext, EPHEMERAL_KEY_LENGTH, EPHEMERAL_KEY_LENGTH + NONCE_LENGTH);
    int length = ciphertext.length - OVERHEAD;
    byte[] sealed = new byte[length + TAG_LENGTH]; // JCA's order: ciphertext ‖ tag
    System.arraycopy(ciphertext, OVERHEAD, sealed, 0, length);
    System.arraycopy(ciphertext, EPHEMERAL_KEY_LENGTH + NONCE_LENGTH, sealed, length, TAG_LENGTH);
    byte[] shared = null;
    byte[] aesKey = null;
    try {
      shared = Ecdh.sharedPoint(key.scalar(), ephemeral);
      aesKey = EciesKdf.derive(ephemeralPublic, shared);
      return AesGcm.open(aesKey, nonce, NO_AAD, sealed);
    } finally {
      wipe(shared);
      wipe(aesKey);
    }
  }

  /**
   * Encrypts a 32-byte data key to {@code recipient}: {@link #encrypt} of the key's bytes.
   *
   * @return {@value #WRAPPED_KEY_LENGTH} bytes
   * @throws CryptoException {@code INVALID_KEY} when the data key is not 32 bytes
   */
  public static byte[] wrapKey(EthPublicKey recipient, SecretBytes dataKey, SecureRandom random) {
    if (dataKey.length() != DATA_KEY_LENGTH) {
      throw new CryptoException(CryptoException.Check.INVALID_KEY,
          "a data key is " + DATA_KEY_LENGTH + " bytes, not " + dataKey.length());
    }
    byte[] plain = dataKey.export();
    try {
      return encrypt(recipient, plain, random);
    } finally {
      wipe(plain);
    }
  }

  /**
   * Decrypts a data key wrapped by {@link #wrapKey} (or by eciesjs, of 32 bytes).
   *
   * @throws CryptoException {@code LENGTH} when {@code wrapped} is not {@value #WRAPPED_KEY_LENGTH}
   *     bytes, and everything {@link #decrypt} throws
   */
  public static SecretBytes unwrapKey(EthPrivateKey key, byte[] wrapped) {
    Objects.requireNonNull(wrapped, "wrapped");
    if (wrapped.length != WRAPPED_KEY_LENGTH) {
      throw new CryptoException(CryptoException.Check.LENGTH, "a wrapped data key is " + WRAPPED_KEY_LENGTH
          + " bytes (65-byte ephemeral key, 16-byte nonce, 16-byte tag, 32-byte key), not " + wrapped.length);
    }
    byte[] plain = decrypt(key, wrapped);
    try {
      return SecretBytes.copyOf(plain);
    } finally {
      wipe(plain);
    }
  }

  private static void wipe(byte[] b) {
    if (b != null) {
      Arrays.fill(b, (byte) 0);
    }
  }
}
