package ai.nesa.aivm.crypto.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.nesa.aivm.crypto.CryptoException;
import ai.nesa.aivm.crypto.internal.json.JsonParser;
import ai.nesa.aivm.crypto.internal.json.JsonValue;
import ai.nesa.aivm.crypto.internal.json.JsonWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The module's small strict JSON reader and writer (it may not use a JSON library). */
class JsonParserTest {
  private static final CryptoException.Check CHECK = CryptoException.Check.KEYSTORE_FORMAT;

  @Test
  void readsEveryKindOfValueWithItsPath() {
    JsonValue.Obj doc = JsonParser.parseObject(
        " {\"a\" : {\"b\": [1, -0.5e+3, \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDD11\", true, false, null, {}, []]},"
            + " \"odd name\": 0, \"\": -12}\r\n", CHECK);
    JsonValue.Obj a = (JsonValue.Obj) doc.members().get("a");
    assertEquals("$.a", a.path());
    List<JsonValue> b = ((JsonValue.Arr) a.members().get("b")).elements();
    assertEquals("$.a.b[1]", b.get(1).path());
    assertEquals("-0.5e+3", ((JsonValue.Num) b.get(1)).text());
    assertEquals("x\"\\/\b\f\n\r\té🔑", ((JsonValue.Str) b.get(2)).value());
    assertEquals(List.of("true", "false", "null"), b.subList(3, 6).stream().map(v -> ((JsonValue.Literal) v).text()).toList());
    assertEquals("$[\"odd name\"]", doc.members().get("odd name").path());
    assertEquals("-12", ((JsonValue.Num) doc.members().get("")).text());
    assertEquals(List.of("a", "odd name", ""), List.copyOf(doc.members().keySet()), "members keep their order");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "empty                | ``                       | $: malformed JSON: the document is empty",
      "not an object        | `[1]`                    | $: malformed JSON: the document is not a JSON object",
      "trailing garbage     | `{} {}`                  | $: malformed JSON: something follows",
      "trailing comma       | `{\"a\":1,}`             | $: malformed JSON: expected a member name",
      "array trailing comma | `{\"a\":[1,]}`           | $.a[1]: malformed JSON: expected a value",
      "single quotes        | `{'a':1}`                | $: malformed JSON: expected a member name",
      "comment              | `{/**/}`                 | $: malformed JSON: expected a member name",
      "missing colon        | `{\"a\" 1}`              | $.a: malformed JSON: expected ':'",
      "missing comma        | `{\"a\":1 \"b\":2}`      | $: malformed JSON: expected ',' or '}'",
      "unclosed object      | `{\"a\":{\"b\":1}`       | $: malformed JSON: expected ',' or '}'",
      "unclosed string      | `{\"a\":\"b}`            | $.a: malformed JSON: a string is not closed",
      "control character    | `{\"a\":\"\t\"}`         | $.a: malformed JSON: a control character",
      "bad escape           | `{\"a\":\"\\q\"}`        | $.a: malformed JSON: an unknown escape",
      "short unicode escape | `{\"a\":\"\\u12\"}`      | $.a: malformed JSON: \\u must be followed",
      "leading zero         | `{\"a\":012}`            | $.a: malformed JSON: a number has a leading zero",
      "plus sign            | `{\"a\":+1}`             | $.a: malformed JSON: expected a value",
      "bare fraction        | `{\"a\":.5}`             | $.a: malformed JSON: expected a value",
      "empty fraction       | `{\"a\":1.}`             | $.a: malformed JSON: a number needs digits after",
      "empty exponent       | `{\"a\":1e+}`            | $.a: malformed JSON: a number needs digits in its exponent",
      "lone minus           | `{\"a\":-}`              | $.a: malformed JSON: a number needs digits",
      "bad literal          | `{\"a\":nul}`            | $.a: malformed JSON: expected a value",
      "capital literal      | `{\"a\":True}`           | $.a: malformed JSON: expected a value",
      "duplicate name       | `{\"a\":1,\"a\":2}`      | $.a: malformed JSON: the name appears twice",
      "NaN                  | `{\"a\":NaN}`            | $.a: malformed JSON: expected a value",
      "vertical tab         | `{\u000b}`               | $: malformed JSON: expected a member name",
  })
  void refusesMalformedInputNamingThePath(String what, String json, String message) {
    CryptoException e = assertThrows(CryptoException.class, () -> JsonParser.parseObject(json, CHECK));
    assertEquals(CHECK, e.check());
    assertTrue(e.getMessage().startsWith("KEYSTORE_FORMAT: " + message), e.getMessage());
    assertTrue(e.getMessage().contains("(line 1, column "), e.getMessage());
  }

  @Test
  void refusesDeepNestingBeforeTheStackRunsOut() {
    String deep = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
    CryptoException e = assertThrows(CryptoException.class, () -> JsonParser.parseObject(deep, CHECK));
    assertTrue(e.getMessage().contains("nested more than " + JsonParser.MAX_DEPTH), e.getMessage());
    JsonParser.parseObject("{\"a\":" + "[".repeat(JsonParser.MAX_DEPTH - 1) + "]".repeat(JsonParser.MAX_DEPTH - 1) + "}", CHECK);
  }

  @Test
  void reportsLineAndColumn() {
    CryptoException e = assertThrows(CryptoException.class, () -> JsonParser.parseObject("{\n  \"a\": {\n    \"b\": x\n  }\n}", CHECK));
    assertTrue(e.getMessage().contains("$.a.b: malformed JSON: expected a value (line 3, column 10)"), e.getMessage());
  }

  @Test
  void theWriterEscapesWhatTheReaderUnescapes() {
    String tricky = "q\" b\\ nl\n tab\t nul\u0000 ls\u2028 é 🔑";
    String json = new JsonWriter().beginObject().name("s").value(tricky).name("n").value(-42)
        .name("o").beginObject().endObject().endObject().toString();
    assertEquals("{\"s\":\"q\\\" b\\\\ nl\\u000a tab\\u0009 nul\\u0000 ls\\u2028 é 🔑\",\"n\":-42,\"o\":{}}", json);
    JsonValue.Obj back = JsonParser.parseObject(json, CHECK);
    assertEquals(tricky, ((JsonValue.Str) back.members().get("s")).value());
    assertEquals("-42", ((JsonValue.Num) back.members().get("n")).text());
  }

  @Test
  void theWriterRefusesMisuse() {
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value("x"));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().value("x"));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toString());
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").name("b"));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().endObject().beginObject());
  }
}
