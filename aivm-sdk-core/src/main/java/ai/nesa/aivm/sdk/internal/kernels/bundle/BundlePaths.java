package ai.nesa.aivm.sdk.internal.kernels.bundle;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * The bundle path rules, and the order in which a manifest lists paths.
 *
 * <p>The one place the rules live: the config validator and bundles both ask here.
 */
public final class BundlePaths {
  private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*", Pattern.DOTALL);

  /** Code point order, which for valid UTF-16 is also the order of the UTF-8 bytes. */
  public static final Comparator<String> CODE_POINT_ORDER = BundlePaths::compareCodePoints;

  private BundlePaths() {}

  /** Why {@code s} is not a safe relative bundle path, or null when it is one. */
  public static String problem(String s) {
    if (s.isEmpty()) {
      return "a bundle path must not be empty";
    }
    if (s.length() > 1024) {
      return "a bundle path is at most 1024 characters";
    }
    if (s.indexOf('\0') >= 0) {
      return "a bundle path must not contain NUL";
    }
    if (s.indexOf('\\') >= 0) {
      return "a bundle path separates with '/', never '\\'";
    }
    if (DRIVE.matcher(s).matches()) {
      return "a bundle path is relative: no drive letter";
    }
    if (s.startsWith("/")) {
      return "a bundle path is relative: no leading '/'";
    }
    if (s.endsWith("/")) {
      return "a bundle path names a file: no trailing '/'";
    }
    for (String segment : s.split("/", -1)) {
      if (segment.equals("..")) {
        return "a bundle path must not escape the bundle: no '..'";
      }
      if (segment.isEmpty() || segment.equals(".")) {
        return "a bundle path has no empty or '.' segment";
      }
    }
    if (!wellFormedUtf16(s)) {
      return "a bundle path must be valid Unicode (no lone surrogate)";
    }
    return null;
  }

  /** Whether {@code s} has no lone surrogate, so that it has a UTF-8 encoding. */
  public static boolean wellFormedUtf16(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
