package ai.nesa.aivm.crypto.internal.ecies;

import ai.nesa.aivm.crypto.internal.Hkdf;
import java.util.Arrays;

/**
 * The key derivation of eciesjs 0.5.0 in its default configuration: HKDF-SHA256 over the
 * uncompressed ephemeral public key followed by the uncompressed shared point, no salt, no info,
 * 32 bytes out.
 *
 * <p>eciesjs: {@code dist/utils/hash.js} ({@code getSharedKey = deriveKey(concatBytes(...parts))},
 * {@code hkdf(sha256, master, undefined, undefined, 32)}); noble's HKDF turns an undefined salt
 * into 32 zero bytes and an undefined info into an empty one, which is RFC 5869's default and
 * what {@link Hkdf} does with an empty salt.
 */
public final class EciesKdf {
  private static final byte[] NO_SALT = new byte[0];
  private static final byte[] NO_INFO = new byte[0];

  private EciesKdf() {}

  /**
   * The 32-byte AES-256-GCM key.
   *
   * @param ephemeralPublicKey 65 bytes, {@code 04 ‖ x ‖ y}
   * @param sharedPoint 65 bytes, {@code 04 ‖ x ‖ y}
   */
  public static byte[] derive(byte[] ephemeralPublicKey, byte[] sharedPoint) {
    if (ephemeralPublicKey.length != 65 || sharedPoint.length != 65) {
      throw new IllegalArgumentException("eciesjs derives its key from two uncompressed points of 65 bytes");
    }
    byte[] ikm = new byte[130];
    System.arraycopy(ephemeralPublicKey, 0, ikm, 0, 65);
    System.arraycopy(sharedPoint, 0, ikm, 65, 65);
    try {
      return Hkdf.derive(Hkdf.SHA256, NO_SALT, ikm, NO_INFO, 32);
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }
}
