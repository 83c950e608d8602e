package ai.nesa.aivm.crypto.internal.json;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Writes compact JSON objects of strings and integers, members in the order given:
 * <pre>{@code
 * String json = new JsonWriter().beginObject()
 *     .name("version").value(3)
 *     .name("crypto").beginObject().name("cipher").value("aes-128-ctr").endObject()
 *     .endObject().toString();
 * }</pre>
 * Misuse (a value without a name, an unclosed object) is a programming error and throws
 * {@link IllegalStateException}.
 */
public final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  /** Per open object: whether it has a member yet. */
  private final Deque<boolean[]> open = new ArrayDeque<>();
  private boolean named;
  private boolean done;

  public JsonWriter beginObject() {
    beforeValue(true);
    out.append('{');
    open.push(new boolean[1]);
    return this;
  }

  public JsonWriter endObject() {
    if (open.isEmpty() || named) {
      throw new IllegalStateException("no object to end here");
    }
    open.pop();
    out.append('}');
    done = open.isEmpty();
    return this;
  }

  public JsonWriter name(String name) {
    if (open.isEmpty() || named) {
      throw new IllegalStateException("a name belongs inside an object, before its value");
    }
    boolean[] hasMember = open.peek();
    if (hasMember[0]) {
      out.append(',');
    }
    hasMember[0] = true;
    quote(name);
    out.append(':');
    named = true;
    return this;
  }

  public JsonWriter value(String value) {
    beforeValue(false);
    quote(value);
    return this;
  }

  public JsonWriter value(long value) {
    beforeValue(false);
    out.append(value);
    return this;
  }

  /** The document; every object must be closed. */
  @Override
  public String toString() {
    if (!done) {
      throw new IllegalStateException("the document is not complete");
    }
    return out.toString();
  }

  private void beforeValue(boolean isObject) {
    boolean topLevel = open.isEmpty();
    if (done || topLevel && !isObject || !topLevel && !named) {
      throw new IllegalStateException("a value needs a name first, inside one open object");
    }
    named = false;
  }

  private void quote(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
