package ai.nesa.aivm.benchmarks;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a {@code GET /v1/models} query the benchmark server understands: {@code limit},
 * {@code cursor} (a decimal offset into the filtered list) and {@code task}.
 *
 * <p>Any other filter is refused rather than ignored, so a benchmark can never believe it measured
 * a filtered search that the server did not do.
 *
 * @param limit the page size, 1 to 100
 * @param offset where the page starts in the filtered list
 * @param task the task filter, or {@code null}
 */
record CatalogQuery(int limit, int offset, String task) {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  /**
   * Parses a raw (still percent-encoded) query string; {@code null} means no query.
   *
   * @throws IllegalArgumentException naming the parameter that is wrong
   */
  static CatalogQuery parse(String rawQuery) {
    int limit = DEFAULT_LIMIT;
    int offset = 0;
    String task = null;
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        switch (name) {
          case "limit" -> limit = integer(name, value, 1, MAX_LIMIT);
          case "cursor" -> offset = integer(name, value, 0, Integer.MAX_VALUE);
          case "task" -> task = value;
          default -> throw new IllegalArgumentException(
              "the benchmark server does not support the parameter '" + name + "'");
        }
      }
    }
    return new CatalogQuery(limit, offset, task);
  }

  private static int integer(String name, String value, int min, int max) {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the range
    }
    throw new IllegalArgumentException(name + " must be an integer from " + min + " to " + max + ", was '" + value + "'");
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
