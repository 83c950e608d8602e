package ai.nesa.aivm.crypto.internal.keystore;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;

/**
 * AES-128-CTR through JCA, as keystores use it: the IV is the whole 128-bit initial counter block,
 * incremented big-endian and wrapping (the JDK, geth and ethers agree on the wrap).
 */
final class AesCtr {
  private AesCtr() {}

  /** Encrypts or decrypts (the same operation) {@code input}. */
  static byte[] apply(byte[] key16, byte[] iv16, byte[] input) {
    RawKey key = new RawKey("AES", key16);
    try {
      Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
      aes.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv16));
      return aes.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR/NoPadding with a 16-byte key and IV is in every JDK", e);
    } finally {
      key.destroy();
    }
  }
}
