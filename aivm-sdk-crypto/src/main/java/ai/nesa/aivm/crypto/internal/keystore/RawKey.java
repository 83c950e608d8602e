package ai.nesa.aivm.crypto.internal.keystore;

import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * A raw symmetric key for JCA that hands out copies and can be wiped. {@code SecretKeySpec} would
 * keep a copy nobody can wipe, and refuses an empty HMAC key (an empty password).
 */
final class RawKey implements SecretKey {
  private static final long serialVersionUID = 1L;
  private final String algorithm;
  private final byte[] bytes;
  private boolean destroyed;

  /** A key holding a copy of {@code bytes}; the caller wipes its own array. */
  RawKey(String algorithm, byte[] bytes) {
    this.algorithm = algorithm;
    this.bytes = bytes.clone();
  }

  @Override
  public String getAlgorithm() {
    return algorithm;
  }

  @Override
  public String getFormat() {
    return "RAW";
  }

  @Override
  public byte[] getEncoded() {
    return bytes.clone();
  }

  @Override
  public void destroy() {
    Arrays.fill(bytes, (byte) 0);
    destroyed = true;
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "RawKey[" + algorithm + ", " + bytes.length + " bytes, redacted]";
  }
}
