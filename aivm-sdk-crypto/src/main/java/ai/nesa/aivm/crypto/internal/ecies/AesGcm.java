package ai.nesa.aivm.crypto.internal.ecies;

import ai.nesa.aivm.crypto.CryptoException;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a 128-bit tag through JCA, in JCA's layout ({@code ciphertext ‖ tag}). Any
 * nonce length GCM allows is accepted; ECIES uses 16 bytes, which GCM hashes into its counter
 * block (NIST SP 800-38D, IV not of 96 bits) exactly as OpenSSL, and so eciesjs on node, does.
 */
public final class AesGcm {
  /** Tag length in bytes. */
  public static final int TAG_LENGTH = 16;

  private AesGcm() {}

  /** Encrypts; returns {@code ciphertext ‖ tag}. */
  public static byte[] seal(byte[] key, byte[] nonce, byte[] aad, byte[] plaintext) {
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      cipher.updateAAD(aad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM failed to encrypt", e);
    }
  }

  /**
   * Decrypts {@code ciphertext ‖ tag}. JCA's GCM holds all plaintext back until the tag has
   * verified, so nothing unauthenticated is ever returned.
   *
   * @throws CryptoException {@code AUTHENTICATION} when the tag does not verify, {@code LENGTH}
   *     when the input is shorter than a tag
   */
  public static byte[] open(byte[] key, byte[] nonce, byte[] aad, byte[] ciphertextAndTag) {
    if (ciphertextAndTag.length < TAG_LENGTH) {
      throw new CryptoException(CryptoException.Check.LENGTH,
          "AES-GCM input is at least the " + TAG_LENGTH + "-byte tag, not " + ciphertextAndTag.length + " bytes");
    }
    Cipher cipher;
    try {
      cipher = cipher(Cipher.DECRYPT_MODE, key, nonce);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM failed to start", e);
    }
    cipher.updateAAD(aad);
    try {
      return cipher.doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw new CryptoException(CryptoException.Check.AUTHENTICATION,
          "the AES-GCM tag does not verify: tampered data or the wrong key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM failed to decrypt", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    if (key.length != 32) {
      throw new IllegalArgumentException("AES-256 takes a 32-byte key, not " + key.length);
    }
    if (nonce.length == 0) {
      throw new IllegalArgumentException("GCM needs a nonce of at least one byte");
    }
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    // SecretKeySpec and the cipher keep copies of the key that cannot be wiped from here; the
    // caller wipes its own array, and the cipher object is dropped straight after one use.
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
    return cipher;
  }
}
