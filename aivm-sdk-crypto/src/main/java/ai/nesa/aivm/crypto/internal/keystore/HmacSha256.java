package ai.nesa.aivm.crypto.internal.keystore;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;

/**
 * The JDK's HMAC-SHA256 keyed with a password, and a way to wipe it afterwards.
 *
 * <p>The JDK's HMAC runs on the machine's SHA extensions: PBKDF2 through it is about twice as
 * fast as BouncyCastle's here. It is keyed through {@link RawKey}, which can take an empty
 * password and keeps no copy of it (the JDK wipes its own after computing the pads).
 */
final class HmacSha256 {
  static final int LENGTH = 32;
  private static final String ALGORITHM = "HmacSHA256";

  private HmacSha256() {}

  /** A MAC keyed with {@code key}; the caller keeps (and wipes) its array. */
  static Mac keyed(byte[] key) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      RawKey raw = new RawKey(ALGORITHM, key);
      try {
        mac.init(raw);
      } finally {
        raw.destroy();
      }
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " is missing from this JDK or refused a raw key", e);
    }
  }

  /** Overwrites the password-derived pads the MAC holds, by keying it again with zeros. */
  static void wipe(Mac mac) {
    try {
      mac.init(new RawKey(ALGORITHM, new byte[LENGTH]));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(ALGORITHM + " refused a raw key", e);
    }
  }
}
