package ai.nesa.aivm.sdk;

import ai.nesa.aivm.AivmValidationException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A semantic version (semver.org 2.0.0), such as {@code 1.4.0} or {@code 2.0.0-rc.1}.
 *
 * <p>Ordered by semver precedence; build metadata is kept but does not take part in the order.
 * Equality is textual, so {@code 1.0.0+a} and {@code 1.0.0+b} are unequal yet compare as 0.
 *
 * @param text the version as written, without a leading {@code v}
 * @since 0.1.0
 */
public record Semver(String text) implements Comparable<Semver> {
  private static final Pattern SEMVER = Pattern.compile(
      "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
          + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
          + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  public Semver {
    if (text == null || text.length() > 128 || !(isPlainRelease(text) || SEMVER.matcher(text).matches())) {
      throw AivmValidationException.of("version", "semver", text,
          "a version is MAJOR.MINOR.PATCH with optional -prerelease and +build (semver 2.0.0): '"
              + text + "'");
    }
  }

  /** {@code MAJOR.MINOR.PATCH} without pre-release or build: checked by hand, as most versions are. */
  private static boolean isPlainRelease(String s) {
    int dots = 0;
    int start = 0;
    for (int i = 0; i <= s.length(); i++) {
      char c = i == s.length() ? '.' : s.charAt(i);
      if (c == '.') {
        int len = i - start;
        if (len == 0 || len > 1 && s.charAt(start) == '0' || ++dots > 3) {
          return false;
        }
        start = i + 1;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return dots == 3;
  }

  public static Semver of(String text) {
    return new Semver(text);
  }

  @Override
  public int compareTo(Semver other) {
    Matcher a = parse(text);
    Matcher b = parse(other.text);
    for (int i = 1; i <= 3; i++) {
      int c = new java.math.BigInteger(a.group(i)).compareTo(new java.math.BigInteger(b.group(i)));
      if (c != 0) {
        return c;
      }
    }
    return comparePrerelease(a.group(4), b.group(4));
  }

  private static Matcher parse(String s) {
    Matcher m = SEMVER.matcher(s);
    if (!m.matches()) {
      throw new IllegalStateException("validated in the constructor");
    }
    return m;
  }

  private static int comparePrerelease(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1; // a release outranks any pre-release
    }
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      boolean xn = x[i].chars().allMatch(Character::isDigit);
      boolean yn = y[i].chars().allMatch(Character::isDigit);
      int c;
      if (xn && yn) {
        c = new java.math.BigInteger(x[i]).compareTo(new java.math.BigInteger(y[i]));
      } else if (xn || yn) {
        c = xn ? -1 : 1; // numeric identifiers have lower precedence
      } else {
        c = x[i].compareTo(y[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  @Override
  public String toString() {
    return text;
  }
}
