package ai.nesa.aivm.crypto.testing;

import ai.nesa.aivm.crypto.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wycheproof vector files from {@code src/test/resources/testvectors/wycheproof} (see SOURCES.md
 * there), flattened into one case per test with its group.
 */
public final class Wycheproof {
  private Wycheproof() {}

  /** One test of a file, with the group it belongs to (group-level keys, IV sizes, …). */
  public record Case(JsonNode group, JsonNode test) {
    public int id() {
      return test.get("tcId").asInt();
    }

    /** {@code valid}, {@code invalid} or {@code acceptable}. */
    public String result() {
      return test.get("result").asString();
    }

    public boolean valid() {
      return "valid".equals(result());
    }

    /** A hex field of the test, as bytes. */
    public byte[] bytes(String field) {
      return Hex.decode(test.get(field).asString());
    }

    public boolean hasFlag(String flag) {
      for (JsonNode f : test.path("flags")) {
        if (flag.equals(f.asString())) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return "tcId " + id() + " (" + result() + ") " + test.path("comment").asString("");
    }
  }

  public static JsonNode file(String name) {
    try (InputStream in = Wycheproof.class.getClassLoader().getResourceAsStream("testvectors/wycheproof/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector file " + name);
      }
      return JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every test of a file. */
  public static List<Case> cases(String name) {
    List<Case> out = new ArrayList<>();
    for (JsonNode group : file(name).get("testGroups")) {
      for (JsonNode test : group.get("tests")) {
        out.add(new Case(group, test));
      }
    }
    return out;
  }
}
