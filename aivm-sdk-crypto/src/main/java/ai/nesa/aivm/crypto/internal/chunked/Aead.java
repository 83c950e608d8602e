package ai.nesa.aivm.crypto.internal.chunked;

/**
 * The AEADs this scheme is instantiated with, by their IANA names (which go into the key
 * derivation) and key sizes (which are also the input key's size).
 */
public enum Aead {
  /** Cobblestone-128. */
  AES_128_GCM("AEAD_AES_128_GCM", 16),
  /** Cobblestone-256: the SDK's default. */
  AES_256_GCM("AEAD_AES_256_GCM", 32);

  private final String ianaName;
  private final int keySize;

  Aead(String ianaName, int keySize) {
    this.ianaName = ianaName;
    this.keySize = keySize;
  }

  /** The name in the IANA AEAD registry, such as {@code AEAD_AES_256_GCM}. */
  public String ianaName() {
    return ianaName;
  }

  /** Bytes of key, for the input key and the derived AEAD key alike. */
  public int keySize() {
    return keySize;
  }
}
