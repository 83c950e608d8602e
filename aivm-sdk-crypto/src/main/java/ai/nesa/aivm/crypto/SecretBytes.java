package ai.nesa.aivm.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * Secret bytes, such as a data key or a private key: they never print themselves, compare in
 * constant time, can be wiped, and leave only through {@link #export()}.
 *
 * <h2>Security guarantees</h2>
 * <ul>
 *   <li>{@link #toString()} shows the length only, so a secret in a log line or an exception
 *       message is harmless.
 *   <li>{@link #equals} takes the same time wherever two secrets of one length differ; {@link
 *       #hashCode()} depends on the length only.
 *   <li>{@link #destroy()} overwrites the bytes with zeros; every use afterwards throws.
 *   <li>Every copy in or out is a fresh array, so wiping the caller's array or this one does not
 *       affect the other.
 * </ul>
 * Limits: the JVM may have copied the bytes before they got here (a String, a buffer), and a
 * garbage collector may move objects, leaving old copies in memory until it is reused. Wiping
 * narrows the window; it cannot close it.
 *
 * @since 0.1.0
 */
public final class SecretBytes implements Destroyable {
  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A secret holding a copy of {@code bytes}; wipe the caller's array yourself if you can. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(bytes.clone());
  }

  /** {@code length} random bytes from {@code random}. */
  public static SecretBytes random(int length, SecureRandom random) {
    if (length < 1) {
      throw new IllegalArgumentException("a secret needs at least one byte");
    }
    byte[] b = new byte[length];
    random.nextBytes(b);
    return new SecretBytes(b);
  }

  public int length() {
    return bytes.length;
  }

  /**
   * A copy of the secret bytes: the one way out. The caller owns the copy and should wipe it
   * ({@code Arrays.fill(b, (byte) 0)}) when done.
   *
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] export() {
    checkAlive();
    return bytes.clone();
  }

  /** Overwrites the secret with zeros. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** Constant-time comparison with another secret of any length. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SecretBytes other)) {
      return false;
    }
    checkAlive();
    other.checkAlive();
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  /** The length only: a hash of the contents would leak them bit by bit. */
  @Override
  public int hashCode() {
    return Objects.hash(bytes.length);
  }

  @Override
  public String toString() {
    return "SecretBytes[" + bytes.length + " bytes, redacted" + (destroyed ? ", destroyed" : "") + "]";
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("this secret was destroyed");
    }
  }
}
