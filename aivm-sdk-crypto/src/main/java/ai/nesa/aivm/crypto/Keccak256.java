package ai.nesa.aivm.crypto;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256, the hash Ethereum uses everywhere (the original Keccak padding, not NIST SHA3-256).
 *
 * @since 0.1.0
 */
public final class Keccak256 {
  private Keccak256() {}

  /** Keccak-256 of the parts, concatenated. */
  public static byte[] digest(byte[]... parts) {
    KeccakDigest keccak = new KeccakDigest(256);
    for (byte[] part : parts) {
      keccak.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    keccak.doFinal(out, 0);
    return out;
  }

  /** Keccak-256 of the parts, as a {@link Hash32}. */
  public static Hash32 hash(byte[]... parts) {
    return Hash32.fromBytes(digest(parts));
  }
}
