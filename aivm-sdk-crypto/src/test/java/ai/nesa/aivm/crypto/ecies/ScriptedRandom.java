package ai.nesa.aivm.crypto.ecies;

import java.security.SecureRandom;

/**
 * A "random" source that hands out given bytes in order, so a test can fix an ECIES ephemeral
 * key and nonce; any draw beyond the script fails the test.
 */
final class ScriptedRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final byte[] script;
  private int position;

  ScriptedRandom(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    script = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, script, at, p.length);
      at += p.length;
    }
  }

  @Override
  public void nextBytes(byte[] bytes) {
    if (position + bytes.length > script.length) {
      throw new AssertionError("an unscripted draw of " + bytes.length + " random bytes");
    }
    System.arraycopy(script, position, bytes, 0, bytes.length);
    position += bytes.length;
  }

  boolean exhausted() {
    return position == script.length;
  }
}
