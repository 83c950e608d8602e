package ai.nesa.aivm.crypto.internal.keystore;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * PBKDF2-HMAC-SHA256 (RFC 8018) over password bytes.
 *
 * <p>Not the JDK's {@code PBKDF2WithHmacSHA256}: that one takes {@code char[]} and encodes it
 * itself, so it cannot take the NFKC-normalized UTF-8 bytes a keystore password is, nor
 * arbitrary bytes. This loop runs as fast as it on the JDK's HMAC.
 */
public final class Pbkdf2 {
  private Pbkdf2() {}

  /**
   * {@code length} bytes of PBKDF2-HMAC-SHA256. The caller checks the cost first.
   *
   * @param iterations at least 1
   * @param length at least 1
   */
  public static byte[] hmacSha256(byte[] password, byte[] salt, int iterations, int length) {
    if (iterations < 1 || length < 1) {
      throw new IllegalArgumentException("PBKDF2 needs at least one iteration and one byte of output");
    }
    Mac mac = HmacSha256.keyed(password);
    byte[] out = new byte[length];
    byte[] u = new byte[HmacSha256.LENGTH];
    byte[] t = new byte[HmacSha256.LENGTH];
    try {
      for (int block = 1, done = 0; done < length; block++) {
        mac.update(salt);
        mac.update(bigEndian(block));
        mac.doFinal(u, 0);
        System.arraycopy(u, 0, t, 0, t.length);
        for (int i = 1; i < iterations; i++) {
          mac.update(u);
          mac.doFinal(u, 0);
          for (int j = 0; j < t.length; j++) {
            t[j] ^= u[j];
          }
        }
        int n = Math.min(t.length, length - done);
        System.arraycopy(t, 0, out, done, n);
        done += n;
      }
      return out;
    } catch (ShortBufferException e) {
      throw new IllegalStateException("a 32-byte buffer holds an HMAC-SHA256", e);
    } finally {
      Arrays.fill(u, (byte) 0);
      Arrays.fill(t, (byte) 0);
      HmacSha256.wipe(mac);
    }
  }

  static byte[] bigEndian(int i) {
    return new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
  }
}
