package ai.nesa.aivm.crypto.internal.chunked;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.CryptoException.Check;
import ai.nesa.aivm.crypto.SecretBytes;
import ai.nesa.aivm.crypto.internal.Hkdf;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The per-message AEAD key, base nonce and commitment:
 * {@code HKDF-Expand-SHA512(prk = input key, info = "c2sp.org/chunked-encryption@v1+" || aead ||
 * 0x00 || salt || context)}, cut into {@code key || base nonce || commitment}.
 *
 * <p>Expand only, no Extract: the spec takes the input key as uniformly random already.
 */
public final class MessageKeys {
  private static final byte[] LABEL = "c2sp.org/chunked-encryption@v1+".getBytes(StandardCharsets.US_ASCII);

  private final Aead aead;
  private final byte[] aeadKey;
  private final byte[] baseNonce;
  private final byte[] commitment;

  private MessageKeys(Aead aead, byte[] aeadKey, byte[] baseNonce, byte[] commitment) {
    this.aead = aead;
    this.aeadKey = aeadKey;
    this.baseNonce = baseNonce;
    this.commitment = commitment;
  }

  /**
   * Throws unless {@code key} has the AEAD's key size; the spec's input key is as long as the
   * AEAD key.
   *
   * @throws CryptoException {@link Check#INVALID_KEY}
   */
  public static void checkKeySize(Aead aead, SecretBytes key) {
    if (key.length() != aead.keySize()) {
      throw new CryptoException(Check.INVALID_KEY, aead.ianaName() + " chunked encryption takes a "
          + aead.keySize() + "-byte key, not " + key.length() + " bytes");
    }
  }

  /** Derives the keys of the message with this salt and context. */
  public static MessageKeys derive(Aead aead, SecretBytes inputKey, byte[] salt, byte[] context) {
    checkKeySize(aead, inputKey);
    if (salt.length != Layout.SALT_SIZE) {
      throw new IllegalArgumentException("the salt has " + Layout.SALT_SIZE + " bytes, not " + salt.length);
    }
    byte[] name = aead.ianaName().getBytes(StandardCharsets.US_ASCII);
    byte[] info = new byte[LABEL.length + name.length + 1 + salt.length + context.length];
    int at = 0;
    System.arraycopy(LABEL, 0, info, at, LABEL.length);
    at += LABEL.length;
    System.arraycopy(name, 0, info, at, name.length);
    at += name.length + 1; // the 0x00 that ends the name
    System.arraycopy(salt, 0, info, at, salt.length);
    at += salt.length;
    System.arraycopy(context, 0, info, at, context.length);

    byte[] prk = inputKey.export();
    byte[] okm;
    try {
      okm = Hkdf.expand(Hkdf.SHA512, prk, info, aead.keySize() + Layout.NONCE_SIZE + Layout.COMMITMENT_SIZE);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
    int k = aead.keySize();
    MessageKeys keys = new MessageKeys(aead,
        Arrays.copyOfRange(okm, 0, k),
        Arrays.copyOfRange(okm, k, k + Layout.NONCE_SIZE),
        Arrays.copyOfRange(okm, k + Layout.NONCE_SIZE, okm.length));
    Arrays.fill(okm, (byte) 0);
    return keys;
  }

  /** The 32-byte commitment that follows the salt in the ciphertext. */
  public byte[] commitment() {
    return commitment.clone();
  }

  /**
   * Throws unless {@code stored} (the ciphertext's bytes {@code [24, 56)}) is this message's
   * commitment; compared in constant time.
   *
   * @throws CryptoException {@link Check#KEY_COMMITMENT}
   */
  public void checkCommitment(byte[] stored) {
    if (!MessageDigest.isEqual(commitment, stored)) {
      throw new CryptoException(Check.KEY_COMMITMENT, "the ciphertext's key commitment does not match: a wrong key, "
          + "a wrong context, or a damaged header");
    }
  }

  /** A cipher for this message's chunks; these keys are wiped, the cipher holds its own copy. */
  public ChunkCipher newCipher() {
    try {
      return new ChunkCipher(aead, aeadKey, baseNonce);
    } finally {
      wipe();
    }
  }

  /** The AEAD key, for raw-mode tests and the raw benchmark baseline; the caller wipes it. */
  public byte[] aeadKey() {
    return aeadKey.clone();
  }

  public byte[] baseNonce() {
    return baseNonce.clone();
  }

  public void wipe() {
    Arrays.fill(aeadKey, (byte) 0);
  }
}
