package ai.nesa.aivm.crypto.internal.sign;

import ai.nesa.aivm.crypto.Keccak256;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code hashStruct} and {@code encodeData} of EIP-712: a struct is its type hash followed by one
 * 32-byte word per member; structs are replaced by their hash, {@code bytes} and {@code string} by
 * their Keccak-256, and arrays by the Keccak-256 of their elements' words.
 */
public final class Eip712Encoder {
  /**
   * How deep structs and arrays may nest. Real types stay far below it; the bound turns a
   * value nested without end (through a recursive type) into an error instead of a stack overflow.
   */
  public static final int MAX_DEPTH = 64;

  private Eip712Encoder() {}

  /**
   * {@code keccak256(typeHash ‖ encodeData(value))} for a struct value held as a {@code Map}.
   *
   * @param path where the value sits, for error messages ({@code message}, {@code domain})
   * @throws ai.nesa.aivm.crypto.CryptoException {@code TYPED_DATA} naming the path of the first
   *     value that is missing, extra, of the wrong Java type or out of range
   */
  public static byte[] hashStruct(Eip712Schema schema, String type, Object value, String path) {
    if (!schema.hasStruct(type)) {
      throw Eip712Failure.at(path, "unknown struct type '" + type + "'");
    }
    return struct(schema, type, value, path, 0);
  }

  private static byte[] struct(Eip712Schema schema, String type, Object value, String path, int depth) {
    if (!(value instanceof Map<?, ?> map)) {
      throw Eip712Failure.at(path, "not a " + type + " (give a Map of its fields)");
    }
    List<Eip712Schema.Member> members = schema.members(type);
    for (Object key : map.keySet()) {
      // A field the type does not declare would not be signed: refuse it rather than let the
      // signer believe it was (a misspelt field name is the usual cause).
      if (members.stream().noneMatch(m -> m.name().equals(key))) {
        throw Eip712Failure.at(path + "." + key, "not a field of " + type);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 * (members.size() + 1));
    out.writeBytes(schema.typeHash(type));
    for (Eip712Schema.Member member : members) {
      out.writeBytes(encode(schema, member.type(), map.get(member.name()), path + "." + member.name(), depth + 1));
    }
    return Keccak256.digest(out.toByteArray());
  }

  private static byte[] encode(Eip712Schema schema, Eip712Type type, Object value, String path, int depth) {
    if (value == null) {
      throw Eip712Failure.at(path, "missing (a " + type.text() + " is required)");
    }
    if (depth > MAX_DEPTH) {
      throw Eip712Failure.at(path, "nested deeper than " + MAX_DEPTH + " structs and arrays");
    }
    switch (type.kind()) {
      case STRUCT:
        return struct(schema, type.text(), value, path, depth);
      case ARRAY:
        return array(schema, type, value, path, depth);
      default:
        return Eip712Atoms.encode(type, value, path);
    }
  }

  private static byte[] array(Eip712Schema schema, Eip712Type type, Object value, String path, int depth) {
    if (!(value instanceof List<?> list)) {
      throw Eip712Failure.at(path, "not an array (give a List for " + type.text() + ")");
    }
    if (type.length() >= 0 && list.size() != type.length()) {
      throw Eip712Failure.at(path, type.text() + " takes exactly " + type.length() + " elements, not " + list.size());
    }
    Eip712Type element = type.element();
    ByteArrayOutputStream out = new ByteArrayOutputStream(32 * list.size());
    for (int i = 0; i < list.size(); i++) {
      out.writeBytes(encode(schema, element, list.get(i), path + "[" + i + "]", depth + 1));
    }
    return Keccak256.digest(out.toByteArray());
  }
}
