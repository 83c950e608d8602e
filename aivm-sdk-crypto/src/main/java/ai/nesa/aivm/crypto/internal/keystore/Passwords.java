package ai.nesa.aivm.crypto.internal.keystore;

import ai.nesa.aivm.crypto.CryptoException;
import java.nio.CharBuffer;
import java.text.Normalizer;
import java.util.Arrays;

/**
 * Keystore passwords as bytes: Unicode NFKC, then UTF-8, as ethers (v5 and v6) does.
 *
 * <p>geth uses the bytes of the Go string as typed, without normalizing. The two agree on every
 * password that is already in NFKC, which is every ASCII password and almost everything typed on a
 * keyboard; they differ on compatibility characters such as the Angstrom sign (U+212B) or
 * full-width letters. NFKC is the choice here because it is what ethers writes and reads; a geth
 * keystore whose password is not in NFKC opens with the raw UTF-8 bytes instead.
 */
public final class Passwords {
  private Passwords() {}

  /**
   * The NFKC-normalized UTF-8 bytes of {@code password}, in a new array the caller wipes. An ASCII
   * password never becomes a {@code String}; any other goes through {@link Normalizer}, which
   * takes a copy the JVM cannot wipe.
   *
   * @throws CryptoException {@code FORMAT} when the password has an unpaired surrogate, which has no
   *     UTF-8 form (ethers refuses it too)
   */
  public static byte[] nfkcUtf8(char[] password) {
    boolean ascii = true;
    for (char c : password) {
      ascii &= c < 0x80;
    }
    if (ascii) {
      return utf8(password);
    }
    checkSurrogates(password);
    char[] normalized = Normalizer.normalize(CharBuffer.wrap(password), Normalizer.Form.NFKC).toCharArray();
    try {
      return utf8(normalized);
    } finally {
      Arrays.fill(normalized, '\0');
    }
  }

  /** UTF-8 of UTF-16 text whose surrogates pair up. */
  private static byte[] utf8(char[] s) {
    checkSurrogates(s);
    int length = 0;
    for (int i = 0; i < s.length; i++) {
      char c = s[i];
      length += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 4 : Character.isLowSurrogate(c) ? 0 : 3;
    }
    byte[] out = new byte[length];
    int o = 0;
    for (int i = 0; i < s.length; i++) {
      int c = s[i];
      if (c < 0x80) {
        out[o++] = (byte) c;
      } else if (c < 0x800) {
        out[o++] = (byte) (0xc0 | c >> 6);
        out[o++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isHighSurrogate((char) c)) {
        int cp = Character.toCodePoint((char) c, s[++i]);
        out[o++] = (byte) (0xf0 | cp >> 18);
        out[o++] = (byte) (0x80 | cp >> 12 & 0x3f);
        out[o++] = (byte) (0x80 | cp >> 6 & 0x3f);
        out[o++] = (byte) (0x80 | cp & 0x3f);
      } else {
        out[o++] = (byte) (0xe0 | c >> 12);
        out[o++] = (byte) (0x80 | c >> 6 & 0x3f);
        out[o++] = (byte) (0x80 | c & 0x3f);
      }
    }
    return out;
  }

  private static void checkSurrogates(char[] s) {
    for (int i = 0; i < s.length; i++) {
      if (Character.isHighSurrogate(s[i]) && i + 1 < s.length && Character.isLowSurrogate(s[i + 1])) {
        i++;
      } else if (Character.isSurrogate(s[i])) {
        throw new CryptoException(CryptoException.Check.FORMAT,
            "the password has an unpaired UTF-16 surrogate, which has no UTF-8 form");
      }
    }
  }
}
