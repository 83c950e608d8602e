package ai.nesa.aivm.devnet.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A URL's query string as names and their values, decoded, in order; repeated names keep every value. */
public final class Query {
  private Query() {}

  /** The parameters of {@code rawQuery} (null or empty: none). */
  public static Map<String, List<String>> parse(String rawQuery) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return out;
  }

  /** One problem with a request, as the document's {@code ErrorDetail}. */
  public static Map<String, Object> problem(String path, String rule, String message) {
    return Map.of("path", path, "rule", rule, "message", message);
  }

  /** The last value of {@code name}, or null. */
  public static String one(Map<String, List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null ? null : values.get(values.size() - 1);
  }
}
