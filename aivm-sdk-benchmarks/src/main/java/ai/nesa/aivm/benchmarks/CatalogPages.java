package ai.nesa.aivm.benchmarks;

import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import okio.Buffer;

/**
 * Renders one {@code ModelPage} of a {@link SyntheticCatalog} on demand, and keeps only the last
 * page it rendered.
 *
 * <p>The one-page cache is for the latency benchmark, which asks for the same first page over and
 * over: served from the cache, the server's share of each round trip is small and the same for
 * every client under test. A pager walk asks for a new page each time and always renders.
 */
final class CatalogPages {
  private final SyntheticCatalog catalog;
  private volatile Rendered last;

  private record Rendered(CatalogQuery query, byte[] json) {}

  CatalogPages(SyntheticCatalog catalog) {
    this.catalog = catalog;
  }

  /** The page as JSON bytes: {@code {"data":[...],"nextCursor":"40"|null}}. */
  byte[] page(CatalogQuery query) {
    Rendered cached = last;
    if (cached != null && cached.query().equals(query)) {
      return cached.json();
    }
    byte[] json = render(query);
    last = new Rendered(query, json);
    return json;
  }

  private byte[] render(CatalogQuery query) {
    int count = catalog.count(query.task());
    int from = Math.min(query.offset(), count);
    int to = (int) Math.min((long) from + query.limit(), count);
    Buffer buffer = new Buffer();
    try (JsonWriter w = JsonWriter.of(buffer)) {
      w.beginObject().name("data").beginArray();
      for (int position = from; position < to; position++) {
        ModelJsonWriter.write(w, catalog.indexAt(query.task(), position));
      }
      w.endArray();
      w.name("nextCursor");
      if (to < count) {
        w.value(Integer.toString(to));
      } else {
        // The document says a null or absent nextCursor ends the list; send the explicit null.
        w.setSerializeNulls(true);
        w.nullValue();
      }
      w.endObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return buffer.readByteArray();
  }
}
