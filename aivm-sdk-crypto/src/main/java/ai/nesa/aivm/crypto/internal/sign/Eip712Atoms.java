package ai.nesa.aivm.crypto.internal.sign;

import ai.nesa.aivm.AivmValidationException;
import ai.nesa.aivm.crypto.Address;
import ai.nesa.aivm.crypto.Hash32;
import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.Keccak256;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * The 32-byte encoding of one EIP-712 value that is not a struct or an array: atomic values
 * padded to a word, {@code bytes} and {@code string} hashed. Accepts the Java types the public
 * model documents and nothing looser, so a value is never silently reinterpreted.
 */
final class Eip712Atoms {
  private static final BigInteger TWO_256 = BigInteger.ONE.shiftLeft(256);
  private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,80}");
  private static final Pattern HEX_NUMBER = Pattern.compile("0[xX][0-9a-fA-F]{1,64}");

  private Eip712Atoms() {}

  static byte[] encode(Eip712Type type, Object value, String path) {
    switch (type.kind()) {
      case STRING:
        return Keccak256.digest(string(value, path));
      case BYTES:
        return Keccak256.digest(bytes(value, path));
      case FIXED_BYTES:
        return fixedBytes(type.width(), value, path);
      case UINT:
      case INT:
        return integer(type, value, path);
      case BOOL:
        if (!(value instanceof Boolean b)) {
          throw Eip712Failure.at(path, "not a bool (give a Boolean)");
        }
        return word(b ? BigInteger.ONE : BigInteger.ZERO);
      case ADDRESS:
        return leftPad(address(value, path).bytes());
      default:
        throw new IllegalStateException(type.text() + " is not atomic");
    }
  }

  private static byte[] string(Object value, String path) {
    if (!(value instanceof String text)) {
      throw Eip712Failure.at(path, "not a string (give a String)");
    }
    return StrictUtf8.encode(text)
        .orElseThrow(() -> Eip712Failure.at(path, "not valid Unicode: the string holds an unpaired surrogate"));
  }

  private static byte[] bytes(Object value, String path) {
    if (value instanceof byte[] b) {
      return b.clone();
    }
    if (value instanceof Hash32 h) {
      return h.bytes();
    }
    if (value instanceof String text && text.startsWith("0x")) {
      try {
        return Hex.decode(text);
      } catch (IllegalArgumentException e) {
        throw Eip712Failure.at(path, "not bytes: " + e.getMessage());
      }
    }
    throw Eip712Failure.at(path, "not bytes (give a byte[] or 0x-prefixed hex)");
  }

  private static byte[] fixedBytes(int width, Object value, String path) {
    byte[] b = bytes(value, path);
    if (b.length != width) {
      throw Eip712Failure.at(path, "bytes" + width + " takes exactly " + width + " bytes, not " + b.length);
    }
    byte[] out = new byte[32];
    System.arraycopy(b, 0, out, 0, width); // bytesN is left-aligned, padded on the right
    return out;
  }

  private static byte[] integer(Eip712Type type, Object value, String path) {
    BigInteger v = number(value, path);
    int bits = type.width();
    BigInteger min = type.kind() == Eip712Type.Kind.UINT ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
    BigInteger max = (type.kind() == Eip712Type.Kind.UINT ? BigInteger.ONE.shiftLeft(bits)
        : BigInteger.ONE.shiftLeft(bits - 1)).subtract(BigInteger.ONE);
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw Eip712Failure.at(path, v + " is out of range for " + type.text() + " [" + min + ", " + max + "]");
    }
    return word(v.signum() < 0 ? v.add(TWO_256) : v); // two's complement over 256 bits
  }

  private static BigInteger number(Object value, String path) {
    if (value instanceof BigInteger b) {
      return b;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return BigInteger.valueOf(((Number) value).longValue());
    }
    if (value instanceof String text) {
      // Bounded lengths: a megabyte of digits must not cost a quadratic parse before the range check.
      if (DECIMAL.matcher(text).matches()) {
        return new BigInteger(text);
      }
      if (HEX_NUMBER.matcher(text).matches()) {
        return new BigInteger(text.substring(2), 16);
      }
      throw Eip712Failure.at(path, "not an integer: '" + text + "' is neither decimal nor 0x-hex of at most 256 bits");
    }
    throw Eip712Failure.at(path, "not an integer (give a BigInteger, Long, Integer, or a decimal or 0x-hex String)");
  }

  private static Address address(Object value, String path) {
    if (value instanceof Address a) {
      return a;
    }
    if (value instanceof String text) {
      try {
        return Address.of(text);
      } catch (AivmValidationException e) {
        throw Eip712Failure.at(path, "not an address: " + e.problems().get(0).message());
      }
    }
    throw Eip712Failure.at(path, "not an address (give an Address or 0x and 40 hex digits)");
  }

  private static byte[] word(BigInteger unsigned) {
    byte[] raw = unsigned.toByteArray(); // may carry a leading sign byte
    byte[] out = new byte[32];
    int n = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - n, out, 32 - n, n);
    return out;
  }

  private static byte[] leftPad(byte[] b) {
    byte[] out = new byte[32];
    System.arraycopy(b, 0, out, 32 - b.length, b.length);
    return out;
  }
}
