package ai.nesa.aivm.sdk.internal.storage;

import java.util.Arrays;

/**
 * Bitcoin's base58 ("base58btc"), the encoding of CIDv0 and of multibase {@code z}.
 */
public final class Base58 {
  private static final char[] ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
  private static final int[] INDEX = new int[128];

  static {
    Arrays.fill(INDEX, -1);
    for (int i = 0; i < ALPHABET.length; i++) {
      INDEX[ALPHABET[i]] = i;
    }
  }

  private Base58() {}

  /** {@code bytes} in base58btc; each leading zero byte becomes a {@code 1}. */
  public static String encode(byte[] bytes) {
    int zeros = 0;
    while (zeros < bytes.length && bytes[zeros] == 0) {
      zeros++;
    }
    // Base-256 to base-58 by repeated division; CIDs are short, so quadratic is fine.
    byte[] digits = new byte[bytes.length * 138 / 100 + 1];
    int used = 0;
    for (int i = zeros; i < bytes.length; i++) {
      int carry = bytes[i] & 0xFF;
      int j = 0;
      for (int k = digits.length - 1; (carry != 0 || j < used) && k >= 0; k--, j++) {
        carry += 256 * (digits[k] & 0xFF);
        digits[k] = (byte) (carry % 58);
        carry /= 58;
      }
      used = j;
    }
    StringBuilder out = new StringBuilder(zeros + used);
    for (int i = 0; i < zeros; i++) {
      out.append('1');
    }
    for (int k = digits.length - used; k < digits.length; k++) {
      out.append(ALPHABET[digits[k]]);
    }
    return out.toString();
  }

  /**
   * Decodes base58btc.
   *
   * @throws IllegalArgumentException on a character outside the alphabet
   */
  public static byte[] decode(CharSequence text) {
    int zeros = 0;
    while (zeros < text.length() && text.charAt(zeros) == '1') {
      zeros++;
    }
    byte[] bytes = new byte[text.length() * 733 / 1000 + 1];
    int used = 0;
    for (int i = zeros; i < text.length(); i++) {
      char c = text.charAt(i);
      int carry = c < 128 ? INDEX[c] : -1;
      if (carry < 0) {
        throw new IllegalArgumentException("'" + c + "' is not a base58btc character");
      }
      int j = 0;
      for (int k = bytes.length - 1; (carry != 0 || j < used) && k >= 0; k--, j++) {
        carry += 58 * (bytes[k] & 0xFF);
        bytes[k] = (byte) carry;
        carry >>>= 8;
      }
      used = j;
    }
    byte[] out = new byte[zeros + used];
    System.arraycopy(bytes, bytes.length - used, out, zeros, used);
    return out;
  }
}
