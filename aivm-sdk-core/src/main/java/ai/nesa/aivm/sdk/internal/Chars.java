package ai.nesa.aivm.sdk.internal;

/**
 * Character-class checks for the value types' hot paths, where a regular expression costs more
 * than the rest of decoding a field.
 */
public final class Chars {
  private Chars() {}

  /**
   * Whether {@code s} is a name part: 1 to {@code max} characters of {@code a-z 0-9 . _ -},
   * starting and ending with a letter or digit.
   */
  public static boolean isNamePart(String s, int max) {
    int n = s.length();
    if (n < 1 || n > max || !isLowerAlnum(s.charAt(0)) || !isLowerAlnum(s.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = s.charAt(i);
      if (!(isLowerAlnum(c) || c == '.' || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerAlnum(char c) {
    return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
  }
}
