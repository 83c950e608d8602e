package ai.nesa.aivm.crypto.internal.keystore;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.EthPrivateKey;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.SecretBytes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Web3 Secret Storage v3: the derived key's first 16 bytes are the AES-128-CTR key, and the MAC is
 * Keccak-256 of its second 16 bytes followed by the ciphertext.
 *
 * <p>The MAC is checked, in constant time, before anything is decrypted. It does not cover the IV:
 * a damaged IV decrypts to another key, which the {@code address} check catches when the file has
 * an address.
 */
public final class V3Keystore {
  private V3Keystore() {}

  /**
   * The key in a keystore, given the password's bytes.
   *
   * @throws CryptoException {@code KEYSTORE_FORMAT} naming the field at fault, when the file is not
   *     a readable v3 keystore or names another address than its key's; {@code KEYSTORE_MAC} when
   *     the password is wrong or the file is damaged; {@code INVALID_KEY} when the MAC matches but
   *     the plaintext is not a secp256k1 key
   */
  public static EthPrivateKey decrypt(String json, byte[] password) {
    KeystoreFile file = KeystoreFile.parse(json);
    byte[] derived = file.kdf().deriveKey(password);
    byte[] aesKey = Arrays.copyOfRange(derived, 0, 16);
    byte[] macKey = Arrays.copyOfRange(derived, 16, 32);
    byte[] plaintext = null;
    byte[] key = new byte[32];
    try {
      if (!MessageDigest.isEqual(Keccak256.digest(macKey, file.ciphertext()), file.mac())) {
        throw new CryptoException(CryptoException.Check.KEYSTORE_MAC,
            "the keystore's MAC does not match: a wrong password, or a damaged file");
      }
      plaintext = AesCtr.apply(aesKey, file.iv(), file.ciphertext());
      System.arraycopy(plaintext, 0, key, 32 - plaintext.length, plaintext.length);
      EthPrivateKey result = EthPrivateKey.fromBytes(key);
      if (file.address() != null && !Arrays.equals(file.address(), result.address().bytes())) {
        result.destroy();
        throw new CryptoException(CryptoException.Check.KEYSTORE_FORMAT, "$.address: the file names another address"
            + " than the one its key has (an edited file, a damaged iv, or two keystores put together)");
      }
      return result;
    } finally {
      Arrays.fill(derived, (byte) 0);
      Arrays.fill(aesKey, (byte) 0);
      Arrays.fill(macKey, (byte) 0);
      Arrays.fill(key, (byte) 0);
      if (plaintext != null) {
        Arrays.fill(plaintext, (byte) 0);
      }
    }
  }

  /**
   * A new scrypt keystore for {@code key}: 32-byte salt, then 16-byte IV, then the 16 random bytes
   * of a version 4 UUID, drawn in that order from {@code random}. The parameters must be within
   * {@link KdfLimits} (the caller checks).
   */
  public static String encrypt(EthPrivateKey key, byte[] password, SecureRandom random, int n, int r, int p) {
    byte[] salt = new byte[32];
    byte[] iv = new byte[16];
    byte[] uuid = new byte[16];
    random.nextBytes(salt);
    random.nextBytes(iv);
    random.nextBytes(uuid);
    Kdf kdf = new Kdf.ScryptKdf(salt, n, r, p, 32);
    byte[] derived = kdf.deriveKey(password);
    byte[] aesKey = Arrays.copyOfRange(derived, 0, 16);
    byte[] macKey = Arrays.copyOfRange(derived, 16, 32);
    SecretBytes secret = key.export();
    byte[] plaintext = secret.export();
    try {
      byte[] ciphertext = AesCtr.apply(aesKey, iv, plaintext);
      byte[] mac = Keccak256.digest(macKey, ciphertext);
      return new KeystoreFile(kdf, iv, ciphertext, mac, key.address().bytes(), uuidV4(uuid)).toJson();
    } finally {
      secret.destroy();
      Arrays.fill(plaintext, (byte) 0);
      Arrays.fill(derived, (byte) 0);
      Arrays.fill(aesKey, (byte) 0);
      Arrays.fill(macKey, (byte) 0);
    }
  }

  /** RFC 9562 version 4: 122 random bits, version nibble 4, variant bits 10. */
  static String uuidV4(byte[] random16) {
    byte[] b = random16.clone();
    b[6] = (byte) (b[6] & 0x0f | 0x40);
    b[8] = (byte) (b[8] & 0x3f | 0x80);
    String hex = Hex.encodePlain(b);
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20)
        + "-" + hex.substring(20);
  }
}
