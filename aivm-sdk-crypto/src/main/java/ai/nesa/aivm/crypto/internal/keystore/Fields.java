package ai.nesa.aivm.crypto.internal.keystore;

import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.internal.json.JsonParser;
import ai.nesa.aivm.crypto.internal.json.JsonValue;

/**
 * Typed access to a keystore's JSON members; every refusal is {@code KEYSTORE_FORMAT} naming the
 * member's path.
 *
 * <p>Names match regardless of ASCII case, as in geth (Go's JSON decoding) and ethers: both read
 * {@code "Crypto"} (which ethers v5 and old geth wrote) as {@code "crypto"}. Two names that differ
 * only in case are refused as ambiguous. A member whose value is {@code null} counts as absent.
 */
final class Fields {
  private Fields() {}

  static CryptoException format(String path, String message) {
    return new CryptoException(CryptoException.Check.KEYSTORE_FORMAT, path + ": " + message);
  }

  /** The member named {@code name} in any ASCII case, or {@code null}. */
  static JsonValue find(JsonValue.Obj obj, String name) {
    String foundName = null;
    JsonValue found = null;
    for (var member : obj.members().entrySet()) {
      if (equalsIgnoreAsciiCase(member.getKey(), name)) {
        if (found != null) {
          throw format(obj.path(), "has both '" + foundName + "' and '" + member.getKey()
              + "'; names that differ only in case are ambiguous");
        }
        foundName = member.getKey();
        found = member.getValue();
      }
    }
    return found instanceof JsonValue.Literal literal && literal.text().equals("null") ? null : found;
  }

  static JsonValue require(JsonValue.Obj obj, String name) {
    JsonValue value = find(obj, name);
    if (value == null) {
      throw format(JsonParser.memberPath(obj.path(), name), "missing");
    }
    return value;
  }

  static JsonValue.Obj object(JsonValue.Obj obj, String name) {
    JsonValue value = require(obj, name);
    if (!(value instanceof JsonValue.Obj object)) {
      throw format(value.path(), "must be an object, not " + value.kind());
    }
    return object;
  }

  static String string(JsonValue.Obj obj, String name) {
    return string(require(obj, name));
  }

  static String string(JsonValue value) {
    if (!(value instanceof JsonValue.Str string)) {
      throw format(value.path(), "must be a string, not " + value.kind());
    }
    return string.value();
  }

  /** An integer member, from {@code -(10^18 - 1)} to {@code 10^18 - 1}. */
  static long integer(JsonValue.Obj obj, String name) {
    JsonValue value = require(obj, name);
    if (!(value instanceof JsonValue.Num number)) {
      throw format(value.path(), "must be a number, not " + value.kind());
    }
    if (!number.isInteger()) {
      throw format(value.path(), "must be an integer");
    }
    String digits = number.text().startsWith("-") ? number.text().substring(1) : number.text();
    if (digits.length() > 18) {
      throw format(value.path(), "is far too large");
    }
    return Long.parseLong(number.text());
  }

  /** A hex member: either case, an optional {@code 0x}, an even number of digits, {@code length} bytes. */
  static byte[] hex(JsonValue.Obj obj, String name, int minLength, int maxLength) {
    return hex(require(obj, name), minLength, maxLength);
  }

  static byte[] hex(JsonValue value, int minLength, int maxLength) {
    String text = string(value);
    int from = text.startsWith("0x") || text.startsWith("0X") ? 2 : 0;
    int digits = text.length() - from;
    if (digits % 2 != 0) {
      throw format(value.path(), "has an odd number of hex digits (" + digits + ")");
    }
    byte[] out = new byte[digits / 2];
    for (int i = 0; i < out.length; i++) {
      int hi = Hex.digit(text.charAt(from + 2 * i));
      int lo = Hex.digit(text.charAt(from + 2 * i + 1));
      if (hi < 0 || lo < 0) {
        throw format(value.path(), "is not hex (a non-hex character at index " + (from + 2 * i + (hi < 0 ? 0 : 1)) + ")");
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    if (out.length < minLength || out.length > maxLength) {
      throw format(value.path(), (minLength == maxLength ? "must be " + minLength : "must be " + minLength + " to " + maxLength)
          + " bytes, not " + out.length);
    }
    return out;
  }

  /** A value from the file for a message: printable ASCII only, shortened. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < s.length() && i < 32; i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.append(s.length() > 32 ? "…'" : "'").toString();
  }

  private static boolean equalsIgnoreAsciiCase(String a, String b) {
    if (a.length() != b.length()) {
      return false;
    }
    for (int i = 0; i < a.length(); i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y && !(isAsciiLetter(x) && (x | 0x20) == (y | 0x20))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }
}
