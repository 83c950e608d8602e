package ai.nesa.aivm.sdk.internal.json;

import ai.nesa.aivm.sdk.Page;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import okio.Buffer;

/**
 * Helpers for the hand-written streaming codecs: values that fail their type's rules become a
 * {@link JsonDataException} naming the JSON path, so a bad answer says where it is bad.
 */
public class JsonCodec {
  protected JsonCodec() {}

  /** Reads one item of a stream, such as an element of an array. */
  @FunctionalInterface
  public interface ItemReader<T> {
    T read(JsonReader r) throws IOException;
  }

  /** Writes one item. */
  @FunctionalInterface
  public interface ItemWriter<T> {
    void write(JsonWriter w, T value) throws IOException;
  }

  /**
   * The exception for a value that broke its type's rules: a {@link JsonDataException} naming the
   * path (already one, it is passed on as it is). The path is only computed here, on failure,
   * since building it for every value read is a large share of decoding time.
   */
  protected static JsonDataException invalid(JsonReader r, RuntimeException e) {
    if (e instanceof JsonDataException already) {
      return already;
    }
    return new JsonDataException(e.getMessage() + " at " + r.getPath(), e);
  }

  /** Builds the object read at {@code path}; a missing required field is named with that path. */
  protected static <T> T built(String path, Supplier<T> build) {
    try {
      return build.get();
    } catch (NullPointerException e) {
      throw new JsonDataException("required field '" + e.getMessage() + "' is missing at " + path, e);
    } catch (RuntimeException e) {
      throw new JsonDataException(e.getMessage() + " at " + path, e);
    }
  }

  /** Reads one field's value, or returns {@link #SKIP} for a field it does not know. */
  @FunctionalInterface
  public interface FieldReader {
    Object read(String field, JsonReader r) throws IOException;
  }

  /** What a {@link FieldReader} returns for a field to skip. */
  protected static final Object SKIP = new Object();

  /**
   * Reads an object's fields into a map by name, for types built once all fields are in: nulls
   * and fields the reader skips are left out, and a value that breaks its type's rules is named
   * with its JSON path.
   */
  protected static Map<String, Object> readFields(JsonReader r, FieldReader reader) throws IOException {
    Map<String, Object> fields = new HashMap<>();
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      try {
        Object value = reader.read(field, r);
        if (value == SKIP) {
          r.skipValue();
        } else {
          fields.put(field, value);
        }
      } catch (RuntimeException e) {
        throw invalid(r, e);
      }
    }
    r.endObject();
    return fields;
  }

  public static <T> List<T> readList(JsonReader r, ItemReader<T> item) throws IOException {
    List<T> out = new ArrayList<>();
    r.beginArray();
    while (r.hasNext()) {
      if (r.peek() == JsonReader.Token.NULL) {
        throw new JsonDataException("null is not allowed in this array at " + r.getPath());
      }
      try {
        out.add(item.read(r));
      } catch (JsonDataException e) {
        throw e;
      } catch (RuntimeException e) {
        // The reader has moved past the element: name the element's own index.
        String path = r.getPath();
        int bracket = path.lastIndexOf('[');
        throw new JsonDataException(e.getMessage() + " at "
            + (bracket < 0 ? path : path.substring(0, bracket)) + "[" + out.size() + "]", e);
      }
    }
    r.endArray();
    return out;
  }

  /** Reads {@code {"data": [...], "nextCursor": "..."}}, the shape of every paged list. */
  public static <T> Page<T> readPage(JsonReader r, ItemReader<T> item) throws IOException {
    List<T> data = null;
    String next = null;
    r.beginObject();
    while (r.hasNext()) {
      String field = r.nextName();
      if (r.peek() == JsonReader.Token.NULL) {
        r.skipValue();
        continue;
      }
      switch (field) {
        case "data" -> data = readList(r, item);
        case "nextCursor" -> next = r.nextString();
        default -> r.skipValue();
      }
    }
    r.endObject();
    if (data == null) {
      throw new JsonDataException("required field 'data' is missing at " + r.getPath());
    }
    return Page.of(data, next);
  }

  /** Reads {@code {"data": [...]}}, the shape of every list that is not paged. */
  public static <T> List<T> readDataList(JsonReader r, ItemReader<T> item) throws IOException {
    return readPage(r, item).items();
  }

  public static <T> void writePage(JsonWriter w, Page<T> page, ItemWriter<T> item) throws IOException {
    w.beginObject().name("data").beginArray();
    for (T t : page.items()) {
      item.write(w, t);
    }
    w.endArray();
    w.name("nextCursor");
    if (page.nextCursor().isPresent()) {
      w.value(page.nextCursor().get());
    } else {
      boolean serializeNulls = w.getSerializeNulls();
      w.setSerializeNulls(true);
      w.nullValue();
      w.setSerializeNulls(serializeNulls);
    }
    w.endObject();
  }

  protected static Instant instant(JsonReader r) throws IOException {
    return Timestamps.parse(r.nextString());
  }

  protected static URI uri(JsonReader r) throws IOException {
    String text = r.nextString();
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new JsonDataException("'" + text + "' is not a URI");
    }
  }

  /** The next value, whatever it is, as compact JSON text; numbers keep their written form. */
  protected static String rawJson(JsonReader r) throws IOException {
    Buffer out = new Buffer();
    try (JsonWriter w = JsonWriter.of(out)) {
      w.setSerializeNulls(true);
      copy(r, w);
    }
    return out.readUtf8();
  }

  private static void copy(JsonReader r, JsonWriter w) throws IOException {
    switch (r.peek()) {
      case BEGIN_OBJECT -> {
        r.beginObject();
        w.beginObject();
        while (r.hasNext()) {
          w.name(r.nextName());
          copy(r, w);
        }
        r.endObject();
        w.endObject();
      }
      case BEGIN_ARRAY -> {
        r.beginArray();
        w.beginArray();
        while (r.hasNext()) {
          copy(r, w);
        }
        r.endArray();
        w.endArray();
      }
      case STRING -> w.value(r.nextString());
      case NUMBER -> w.value(new BigDecimal(r.nextString()));
      case BOOLEAN -> w.value(r.nextBoolean());
      case NULL -> {
        r.nextNull();
        w.nullValue();
      }
      default -> throw new JsonDataException("unexpected " + r.peek() + " at " + r.getPath());
    }
  }

  /** Writes JSON text as a value, unchanged. */
  protected static void rawJson(JsonWriter w, String json) throws IOException {
    try (var sink = w.valueSink()) {
      sink.writeUtf8(json);
    }
  }
}
