package ai.nesa.aivm.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF (RFC 5869) over the JDK's HMAC: extract, expand, or both. The JDK's HMAC runs on the
 * SHA-NI and AVX paths of the machine; BouncyCastle's would not.
 */
public final class Hkdf {
  /** HMAC-SHA256. */
  public static final String SHA256 = "HmacSHA256";
  /** HMAC-SHA512. */
  public static final String SHA512 = "HmacSHA512";

  private Hkdf() {}

  /**
   * HKDF-Extract then HKDF-Expand: {@code length} bytes of output keying material.
   *
   * @param algorithm {@link #SHA256} or {@link #SHA512}
   * @param salt the salt; empty means a string of zeros of the hash length, as RFC 5869 says
   * @param ikm the input keying material
   * @param info the context
   * @param length bytes wanted, at most 255 hash lengths
   */
  public static byte[] derive(String algorithm, byte[] salt, byte[] ikm, byte[] info, int length) {
    byte[] prk = extract(algorithm, salt, ikm);
    try {
      return expand(algorithm, prk, info, length);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  /** HKDF-Extract: the pseudorandom key. */
  public static byte[] extract(String algorithm, byte[] salt, byte[] ikm) {
    Mac mac = mac(algorithm);
    byte[] key = salt.length == 0 ? new byte[mac.getMacLength()] : salt;
    init(mac, key);
    return mac.doFinal(ikm);
  }

  /** HKDF-Expand of a pseudorandom key. */
  public static byte[] expand(String algorithm, byte[] prk, byte[] info, int length) {
    Mac mac = mac(algorithm);
    int hashLength = mac.getMacLength();
    if (length < 0 || length > 255 * hashLength) {
      throw new IllegalArgumentException("HKDF can give 0 to " + 255 * hashLength + " bytes, not " + length);
    }
    init(mac, prk);
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    for (int i = 0, done = 0; done < length; i++) {
      mac.update(t);
      mac.update(info);
      mac.update((byte) (i + 1));
      t = mac.doFinal();
      int n = Math.min(hashLength, length - done);
      System.arraycopy(t, 0, out, done, n);
      done += n;
    }
    Arrays.fill(t, (byte) 0);
    return out;
  }

  private static Mac mac(String algorithm) {
    try {
      return Mac.getInstance(algorithm);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is missing from this JDK", e);
    }
  }

  private static void init(Mac mac, byte[] key) {
    try {
      mac.init(new SecretKeySpec(key, mac.getAlgorithm()));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("HMAC takes any key", e);
    }
  }
}
