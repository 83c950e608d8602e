package ai.nesa.aivm.crypto.internal.sign;

import ai.nesa.aivm.crypto.Keccak256;
import ai.nesa.aivm.crypto.TypedData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A checked set of EIP-712 struct types: every name is an identifier, every field type parses and
 * every struct it names is defined. Gives each struct's {@code encodeType} string and type hash.
 */
public final class Eip712Schema {
  /** A struct member with its parsed type. */
  record Member(String name, Eip712Type type) {}

  private final Map<String, List<Member>> structs;
  private final Map<String, byte[]> typeHashes = new LinkedHashMap<>();

  private Eip712Schema(Map<String, List<Member>> structs) {
    this.structs = structs;
    for (String name : structs.keySet()) {
      typeHashes.put(name, Keccak256.digest(encodeType(name).getBytes(StandardCharsets.US_ASCII)));
    }
  }

  /**
   * Checks a set of struct types.
   *
   * @throws ai.nesa.aivm.crypto.CryptoException {@code TYPED_DATA} naming the struct or field
   *     ({@code types.Mail.to}) that is wrong
   */
  public static Eip712Schema of(Map<String, List<TypedData.Field>> types) {
    Map<String, List<Member>> structs = new LinkedHashMap<>();
    for (Map.Entry<String, List<TypedData.Field>> entry : types.entrySet()) {
      String name = entry.getKey();
      String path = "types." + name;
      if (!Eip712Type.IDENTIFIER.matcher(name).matches() || Eip712Type.isReserved(name)) {
        throw Eip712Failure.at(path, "a struct name is an identifier that is not an atomic type's name");
      }
      List<Member> members = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (TypedData.Field field : entry.getValue()) {
        String fieldPath = path + "." + field.name();
        if (!Eip712Type.IDENTIFIER.matcher(field.name()).matches()) {
          throw Eip712Failure.at(fieldPath, "a field name is an identifier (letters, digits, _ and $)");
        }
        if (!seen.add(field.name())) {
          throw Eip712Failure.at(fieldPath, "the field is declared twice");
        }
        Eip712Type type = Eip712Type.parse(field.type());
        if (type == null) {
          throw Eip712Failure.at(fieldPath, "'" + field.type() + "' is not an EIP-712 type"
              + " (uintN/intN with N a multiple of 8 up to 256, bytes1 to bytes32, bytes, string, bool,"
              + " address, a struct name, or an array T[] / T[n] of these)");
        }
        Eip712Type base = type.base();
        if (base.kind() == Eip712Type.Kind.STRUCT && !types.containsKey(base.text())) {
          throw Eip712Failure.at(fieldPath, "unknown type '" + base.text() + "': no struct of that name");
        }
        members.add(new Member(field.name(), type));
      }
      structs.put(name, List.copyOf(members));
    }
    return new Eip712Schema(Collections.unmodifiableMap(structs));
  }

  /** Whether a struct of this name is defined. */
  public boolean hasStruct(String name) {
    return structs.containsKey(name);
  }

  /**
   * {@code encodeType}: the struct, then every struct it references (directly, through arrays, or
   * through other structs) sorted by name, each as {@code Name(type name,...)}.
   */
  public String encodeType(String primary) {
    Set<String> referenced = new TreeSet<>(); // String order is JavaScript's sort order: UTF-16 units
    collect(primary, referenced);
    referenced.remove(primary);
    StringBuilder out = new StringBuilder();
    append(primary, out);
    for (String name : referenced) {
      append(name, out);
    }
    return out.toString();
  }

  /** Keccak-256 of {@link #encodeType}. */
  byte[] typeHash(String name) {
    return typeHashes.get(name).clone();
  }

  List<Member> members(String name) {
    return structs.get(name);
  }

  private void collect(String name, Set<String> found) {
    if (!found.add(name)) {
      return; // already seen: recursive types end here
    }
    for (Member member : structs.get(name)) {
      Eip712Type base = member.type().base();
      if (base.kind() == Eip712Type.Kind.STRUCT) {
        collect(base.text(), found);
      }
    }
  }

  private void append(String name, StringBuilder out) {
    out.append(name).append('(');
    List<Member> members = structs.get(name);
    for (int i = 0; i < members.size(); i++) {
      out.append(i == 0 ? "" : ",").append(members.get(i).type().text()).append(' ').append(members.get(i).name());
    }
    out.append(')');
  }
}
