package ai.nesa.aivm.crypto.internal.sign;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One EIP-712 field type, parsed: an atomic type ({@code uint256}, {@code bytes32}, {@code
 * address}, {@code bool}), a dynamic one ({@code bytes}, {@code string}), a struct name, or an
 * array of any of these ({@code T[]} or {@code T[n]}, nested as deep as written).
 *
 * @param text the type as written, which is what {@code encodeType} hashes
 * @param kind what the outermost type is
 * @param width bits of an integer, bytes of a {@code bytesN}; 0 otherwise
 * @param length an array's fixed length, or -1 for {@code T[]} and for non-arrays
 */
record Eip712Type(String text, Kind kind, int width, int length) {
  private static final Pattern ARRAY = Pattern.compile("(.+)\\[([0-9]*)]");
  private static final Pattern INTEGER = Pattern.compile("(u?)int([0-9]+)");
  private static final Pattern FIXED_BYTES = Pattern.compile("bytes([0-9]+)");
  private static final int MAX_LENGTH = 256;
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  enum Kind { ARRAY, STRUCT, STRING, BYTES, FIXED_BYTES, UINT, INT, BOOL, ADDRESS }

  /**
   * Parses a field type. Struct names are not checked here (the schema does that): any
   * identifier that is not an atomic type is taken for one.
   *
   * @return the parsed type, or {@code null} when the text is no type at all
   */
  static Eip712Type parse(String text) {
    if (text.length() > MAX_LENGTH) {
      return null; // parsing recurses once per array level: bound it
    }
    Matcher array = ARRAY.matcher(text);
    if (array.matches()) {
      String digits = array.group(2);
      int length = -1;
      if (!digits.isEmpty()) {
        // "[0]" and "[02]" are refused: Solidity has no empty fixed arrays, and a padded length
        // would hash to another type than the one the contract declares.
        if (digits.startsWith("0") || digits.length() > 9) {
          return null;
        }
        length = Integer.parseInt(digits);
      }
      return parse(array.group(1)) == null ? null : new Eip712Type(text, Kind.ARRAY, 0, length);
    }
    Matcher integer = INTEGER.matcher(text);
    if (integer.matches()) {
      int bits = widthOrZero(integer.group(2), 256);
      return bits % 8 == 0 && bits > 0
          ? new Eip712Type(text, integer.group(1).isEmpty() ? Kind.INT : Kind.UINT, bits, -1) : null;
    }
    Matcher fixed = FIXED_BYTES.matcher(text);
    if (fixed.matches()) {
      int bytes = widthOrZero(fixed.group(1), 32);
      return bytes > 0 ? new Eip712Type(text, Kind.FIXED_BYTES, bytes, -1) : null;
    }
    switch (text) {
      case "string": return new Eip712Type(text, Kind.STRING, 0, -1);
      case "bytes": return new Eip712Type(text, Kind.BYTES, 0, -1);
      case "bool": return new Eip712Type(text, Kind.BOOL, 0, -1);
      case "address": return new Eip712Type(text, Kind.ADDRESS, 0, -1);
      // Solidity's aliases hash to other type strings than uint256/int256/bytes1: refuse them.
      case "uint", "int", "byte": return null;
      default: return IDENTIFIER.matcher(text).matches() ? new Eip712Type(text, Kind.STRUCT, 0, -1) : null;
    }
  }

  /** Whether a name is taken by an atomic or dynamic type, and so cannot name a struct. */
  static boolean isReserved(String name) {
    return INTEGER.matcher(name).matches() || FIXED_BYTES.matcher(name).matches()
        || name.equals("uint") || name.equals("int") || name.equals("byte") || name.equals("string") || name.equals("bytes") || name.equals("bool") || name.equals("address");
  }

  /** The type of an array's elements: {@code uint8[2][]} gives {@code uint8[2]}. */
  Eip712Type element() {
    if (kind != Kind.ARRAY) {
      throw new IllegalStateException(text + " is not an array");
    }
    return parse(text.substring(0, text.lastIndexOf('[')));
  }

  /** The innermost non-array type: the struct an array of structs refers to. */
  Eip712Type base() {
    return kind == Kind.ARRAY ? element().base() : this;
  }

  private static int widthOrZero(String digits, int max) {
    // Leading zeros ("uint08") are another type's name: refuse them with the out-of-range widths.
    if (digits.isEmpty() || digits.startsWith("0") || digits.length() > 3) {
      return 0;
    }
    int width = Integer.parseInt(digits);
    return width <= max ? width : 0;
  }
}
