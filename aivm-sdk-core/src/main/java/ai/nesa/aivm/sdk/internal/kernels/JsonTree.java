package ai.nesa.aivm.sdk.internal.kernels;

import ai.nesa.aivm.Problem;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.Buffer;

/**
 * A JSON document read whole into maps, lists, strings, {@link BigDecimal}s, booleans and {@link
 * #NULL}, so that the rules can look at every field and report every problem, not the first.
 *
 * <p>Numbers stay {@code BigDecimal}: a parameter count or a byte size beyond 2^53 is not rounded
 * on the way to the rules.
 */
public final class JsonTree {
  /** JSON {@code null}, distinct from an absent key. */
  public static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  private JsonTree() {}

  /**
   * Reads {@code json}; syntax errors and duplicate keys are added to {@code problems}, and a
   * document that cannot be read at all gives null.
   */
  public static Object read(String json, List<Problem> problems) {
    JsonReader r = JsonReader.of(new Buffer().writeUtf8(json));
    try {
      Object value = readValue(r, problems);
      if (r.peek() != JsonReader.Token.END_DOCUMENT) {
        problems.add(Problem.of("$", "json", "the document has more text after its JSON value"));
        return null;
      }
      return value;
    } catch (JsonEncodingException | EOFException e) {
      problems.add(Problem.of(r.getPath(), "json", "not valid JSON: " + e.getMessage()));
      return null;
    } catch (IOException e) {
      throw new IllegalStateException("reading from memory", e);
    }
  }

  private static Object readValue(JsonReader r, List<Problem> problems) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        r.beginObject();
        while (r.hasNext()) {
          String name = r.nextName();
          String path = r.getPath();
          Object value = readValue(r, problems);
          if (map.put(name, value) != null) {
            problems.add(Problem.of(path, "duplicate", name, "the key '" + name + "' appears twice"));
          }
        }
        r.endObject();
        return map;
      }
      case BEGIN_ARRAY -> {
        List<Object> list = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
          list.add(readValue(r, problems));
        }
        r.endArray();
        return list;
      }
      case STRING -> {
        return r.nextString();
      }
      case NUMBER -> {
        return new BigDecimal(r.nextString());
      }
      case BOOLEAN -> {
        return r.nextBoolean();
      }
      case NULL -> {
        r.nextNull();
        return NULL;
      }
      default -> throw new JsonEncodingException("unexpected " + r.peek() + " at " + r.getPath());
    }
  }

  /** {@code value} as compact JSON text. */
  static String toJson(Object value) {
    Buffer out = new Buffer();
    try (JsonWriter w = JsonWriter.of(out)) {
      w.setSerializeNulls(true);
      write(w, value);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory", e);
    }
    return out.readUtf8();
  }

  @SuppressWarnings("unchecked")
  private static void write(JsonWriter w, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      w.beginObject();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
        w.name(e.getKey());
        write(w, e.getValue());
      }
      w.endObject();
    } else if (value instanceof List<?> list) {
      w.beginArray();
      for (Object o : list) {
        write(w, o);
      }
      w.endArray();
    } else if (value instanceof String s) {
      w.value(s);
    } else if (value instanceof BigDecimal n) {
      w.value(n);
    } else if (value instanceof Boolean b) {
      w.value(b);
    } else {
      w.nullValue();
    }
  }

  /** The JSON type's name of a tree value, for messages. */
  static String typeOf(Object value) {
    if (value instanceof Map) {
      return "an object";
    } else if (value instanceof List) {
      return "an array";
    } else if (value instanceof String) {
      return "a string";
    } else if (value instanceof BigDecimal) {
      return "a number";
    } else if (value instanceof Boolean) {
      return "a boolean";
    }
    return "null";
  }
}
