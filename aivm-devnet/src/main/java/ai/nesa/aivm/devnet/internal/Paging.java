package ai.nesa.aivm.devnet.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The document's {@code limit} (1 to 100, 20 by default) and {@code cursor} parameters, and the
 * page they select. Cursors are the decimal offset of the page's first item, opaque to clients.
 *
 * @param limit how many items a page holds
 * @param offset where the page starts
 */
public record Paging(int limit, int offset) {
  /** Reads {@code limit} and {@code cursor}, adding a problem for each bad one to {@code problems}. */
  public static Paging parse(Map<String, List<String>> query, String items, List<Map<String, Object>> problems) {
    int limit = 20;
    String limitText = Query.one(query, "limit");
    if (limitText != null) {
      limit = limitText.matches("[0-9]{1,3}") ? Integer.parseInt(limitText) : -1;
      if (limit < 1 || limit > 100) {
        problems.add(Query.problem("limit", "range", "a page holds 1 to 100 " + items));
      }
    }
    int offset = 0;
    String cursor = Query.one(query, "cursor");
    if (cursor != null) {
      offset = cursor.matches("[0-9]{1,9}") ? Integer.parseInt(cursor) : -1;
      if (offset < 0) {
        problems.add(Query.problem("cursor", "cursor", "not a cursor this gateway gave"));
      }
    }
    return new Paging(limit, offset);
  }

  /** The page of {@code all}: {@code data}, and {@code nextCursor} (null on the last page). */
  public Map<String, Object> page(List<?> all) {
    int from = Math.min(offset, all.size());
    int to = Math.min(from + limit, all.size());
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("data", List.copyOf(all.subList(from, to)));
    page.put("nextCursor", to < all.size() ? Integer.toString(to) : null);
    return page;
  }
}
