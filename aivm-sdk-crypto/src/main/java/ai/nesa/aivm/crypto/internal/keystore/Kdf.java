package ai.nesa.aivm.crypto.internal.keystore;

/** A keystore's key-derivation function with its parameters. */
sealed interface Kdf {
  /** The 32 bytes a keystore uses: the AES key, then the MAC key. The caller wipes them. */
  byte[] deriveKey(byte[] password);

  /** scrypt, {@code "kdf": "scrypt"}. Parameters are within {@link KdfLimits}. */
  record ScryptKdf(byte[] salt, int n, int r, int p, int dklen) implements Kdf {
    @Override
    public byte[] deriveKey(byte[] password) {
      return Scrypt.derive(password, salt, n, r, p, 32);
    }
  }

  /** PBKDF2-HMAC-SHA256, {@code "kdf": "pbkdf2", "prf": "hmac-sha256"}. */
  record Pbkdf2Kdf(byte[] salt, int c, int dklen) implements Kdf {
    @Override
    public byte[] deriveKey(byte[] password) {
      return Pbkdf2.hmacSha256(password, salt, c, 32);
    }
  }
}
