package ai.nesa.aivm.crypto.internal.json;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed JSON value that knows where it sits in its document ({@code $.crypto.kdfparams.n}), so
 * that whoever rejects it can say where.
 */
public sealed interface JsonValue {
  /** Where the value sits: {@code $} for the document, then {@code .name} and {@code [index]} steps. */
  String path();

  /** "an object", "a string", …: for messages. */
  String kind();

  /** An object; members keep their order, and no two have the same name. */
  record Obj(String path, Map<String, JsonValue> members) implements JsonValue {
    public Obj {
      members = Collections.unmodifiableMap(members);
    }

    @Override
    public String kind() {
      return "an object";
    }
  }

  /** An array. */
  record Arr(String path, List<JsonValue> elements) implements JsonValue {
    public Arr {
      elements = List.copyOf(elements);
    }

    @Override
    public String kind() {
      return "an array";
    }
  }

  /** A string, unescaped. */
  record Str(String path, String value) implements JsonValue {
    @Override
    public String kind() {
      return "a string";
    }
  }

  /** A number, kept as its text ({@code -12}, {@code 1.5e3}) so that nothing is rounded. */
  record Num(String path, String text) implements JsonValue {
    /** Whether the text is an integer: no fraction, no exponent. */
    public boolean isInteger() {
      return text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
    }

    @Override
    public String kind() {
      return "a number";
    }
  }

  /** {@code true}, {@code false} or {@code null}. */
  record Literal(String path, String text) implements JsonValue {
    @Override
    public String kind() {
      return text;
    }
  }
}
