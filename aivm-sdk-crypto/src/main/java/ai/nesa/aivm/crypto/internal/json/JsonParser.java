package ai.nesa.aivm.crypto.internal.json;

import ai.nesa.aivm.crypto.Hex;
import ai.nesa.aivm.crypto.CryptoException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict JSON (RFC 8259) reader for small documents such as keystores: objects, arrays,
 * strings, numbers, {@code true}, {@code false} and {@code null}.
 *
 * <p>Strict means: no comments, no trailing commas, no single quotes, no unquoted names, no
 * leading zeros or {@code +}, no control characters inside strings, no duplicate names in an
 * object, nothing after the document. Only one leading byte-order mark is forgiven. Nesting is
 * limited to {@value #MAX_DEPTH} levels so that a hostile document cannot exhaust the stack.
 *
 * <p>Every error is a {@link CryptoException} with the check the caller names, and a message
 * that gives the path, the line and the column, and never quotes the document.
 */
public final class JsonParser {
  /** Deeper documents are refused. */
  public static final int MAX_DEPTH = 32;

  private final String text;
  private final CryptoException.Check check;
  private int pos;

  private JsonParser(String text, CryptoException.Check check) {
    this.text = text;
    this.check = check;
  }

  /**
   * Parses a document whose top level must be an object.
   *
   * @param check the check every error reports (e.g. {@code KEYSTORE_FORMAT})
   * @throws CryptoException when the text is not one well-formed JSON object
   */
  public static JsonValue.Obj parseObject(String text, CryptoException.Check check) {
    JsonParser p = new JsonParser(text, check);
    if (p.pos < text.length() && text.charAt(p.pos) == '\uFEFF') {
      p.pos++;
    }
    p.skipWhitespace();
    if (p.pos >= text.length() || text.charAt(p.pos) != '{') {
      throw p.error("$", p.pos >= text.length() ? "the document is empty" : "the document is not a JSON object");
    }
    JsonValue.Obj document = p.object("$", 1);
    p.skipWhitespace();
    if (p.pos < text.length()) {
      throw p.error("$", "something follows the end of the document");
    }
    return document;
  }

  private JsonValue value(String path, int depth) {
    skipWhitespace();
    if (pos >= text.length()) {
      throw error(path, "the document ends where a value should be");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(path, depth + 1);
      case '[':
        return array(path, depth + 1);
      case '"':
        return new JsonValue.Str(path, string(path));
      case 't':
        return literal(path, "true");
      case 'f':
        return literal(path, "false");
      case 'n':
        return literal(path, "null");
      default:
        if (c == '-' || c >= '0' && c <= '9') {
          return number(path);
        }
        throw error(path, "expected a value");
    }
  }

  private JsonValue.Obj object(String path, int depth) {
    checkDepth(path, depth);
    pos++; // '{'
    Map<String, JsonValue> members = new LinkedHashMap<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return new JsonValue.Obj(path, members);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error(path, "expected a member name in double quotes");
      }
      String name = string(path);
      String memberPath = memberPath(path, name);
      if (members.containsKey(name)) {
        throw error(memberPath, "the name appears twice in one object");
      }
      skipWhitespace();
      expect(':', memberPath, "expected ':' after a member name");
      members.put(name, value(memberPath, depth));
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == '}') {
        pos++;
        return new JsonValue.Obj(path, members);
      } else {
        throw error(path, "expected ',' or '}' after a member");
      }
    }
  }

  private JsonValue.Arr array(String path, int depth) {
    checkDepth(path, depth);
    pos++; // '['
    List<JsonValue> elements = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return new JsonValue.Arr(path, elements);
    }
    while (true) {
      elements.add(value(path + "[" + elements.size() + "]", depth));
      skipWhitespace();
      char c = peek();
      if (c == ',') {
        pos++;
      } else if (c == ']') {
        pos++;
        return new JsonValue.Arr(path, elements);
      } else {
        throw error(path, "expected ',' or ']' after an element");
      }
    }
  }

  private String string(String path) {
    pos++; // opening quote
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error(path, "a string is not closed");
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error(path, "a control character inside a string must be escaped");
      }
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error(path, "a string is not closed");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"': out.append('"'); break;
        case '\\': out.append('\\'); break;
        case '/': out.append('/'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'n': out.append('\n'); break;
        case 'r': out.append('\r'); break;
        case 't': out.append('\t'); break;
        case 'u':
          int code = 0;
          for (int i = 0; i < 4; i++) {
            int digit = pos < text.length() ? Hex.digit(text.charAt(pos)) : -1;
            if (digit < 0) {
              throw error(path, "\\u must be followed by four hex digits");
            }
            code = code << 4 | digit;
            pos++;
          }
          out.append((char) code);
          break;
        default:
          pos--;
          throw error(path, "an unknown escape in a string");
      }
    }
  }

  private JsonValue.Num number(String path) {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
      if (isDigit(peek())) {
        throw error(path, "a number has a leading zero");
      }
    } else if (!digits()) {
      throw error(path, "a number needs digits");
    }
    if (peek() == '.') {
      pos++;
      if (!digits()) {
        throw error(path, "a number needs digits after its decimal point");
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!digits()) {
        throw error(path, "a number needs digits in its exponent");
      }
    }
    return new JsonValue.Num(path, text.substring(start, pos));
  }

  private boolean digits() {
    int start = pos;
    while (isDigit(peek())) {
      pos++;
    }
    return pos > start;
  }

  private JsonValue.Literal literal(String path, String word) {
    if (!text.startsWith(word, pos)) {
      throw error(path, "expected a value");
    }
    pos += word.length();
    return new JsonValue.Literal(path, word);
  }

  private void checkDepth(String path, int depth) {
    if (depth > MAX_DEPTH) {
      throw error(path, "nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  private void expect(char c, String path, String message) {
    if (peek() != c) {
      throw error(path, message);
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** {@code $.name} for plain names, {@code $["odd name"]} otherwise (shortened if long). */
  public static String memberPath(String parent, String name) {
    boolean plain = !name.isEmpty() && name.length() <= 64;
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '$';
    }
    if (plain) {
      return parent + "." + name;
    }
    StringBuilder quoted = new StringBuilder(parent).append("[\"");
    for (int i = 0; i < name.length() && i < 32; i++) {
      char c = name.charAt(i);
      quoted.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
    }
    return quoted.append(name.length() > 32 ? "…" : "").append("\"]").toString();
  }

  private CryptoException error(String path, String message) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < Math.min(pos, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new CryptoException(check, path + ": malformed JSON: " + message + " (line " + line + ", column " + column + ")");
  }
}
