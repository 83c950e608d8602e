package ai.nesa.aivm.crypto;

/**
 * Hexadecimal text for bytes, as Ethereum writes it: {@code 0x} and lower-case digits out;
 * either case, with or without {@code 0x}, in.
 *
 * @since 0.1.0
 */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** {@code 0x} and two lower-case digits a byte. */
  public static String encode(byte[] bytes) {
    return "0x" + encodePlain(bytes);
  }

  /** Two lower-case digits a byte, no prefix. */
  public static String encodePlain(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * The bytes that hex text stands for, with or without {@code 0x}.
   *
   * @throws IllegalArgumentException when the text has an odd length or a non-hex character
   */
  public static byte[] decode(String hex) {
    int from = hex.startsWith("0x") || hex.startsWith("0X") ? 2 : 0;
    int n = hex.length() - from;
    if (n % 2 != 0) {
      throw new IllegalArgumentException("hex text has an odd number of digits (" + n + ")");
    }
    byte[] out = new byte[n / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = digit(hex.charAt(from + 2 * i));
      int lo = digit(hex.charAt(from + 2 * i + 1));
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not a hex digit at index " + (from + 2 * i + (hi < 0 ? 0 : 1)));
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  /**
   * The value of an ASCII hex digit of either case, or -1 for any other character (unlike {@link
   * Character#digit}, which also takes the other scripts' digits).
   */
  public static int digit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
      return (c | 0x20) - 'a' + 10;
    }
    return -1;
  }

  /** Whether {@code s[from, s.length())} is hex digits of either case. */
  static boolean isHex(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s[from, s.length())} is lower-case hex digits only. */
  static boolean isLowerHex(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
        return false;
      }
    }
    return true;
  }
}
