package ai.nesa.aivm.sdk;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a paged list, fetched lazily: a page is requested only when iteration reaches
 * it, and only the current page is held in memory.
 *
 * <p>Each call to {@link #iterator()} or {@link #stream()} starts again from the first page. A
 * failed page fetch throws from {@code hasNext()} or {@code next()} as the list call would.
 *
 * <pre>{@code
 * client.models().listAll(params).stream()
 *     .limit(500)
 *     .forEach(m -> System.out.println(m.id()));
 * }</pre>
 *
 * @param <T> the item type
 * @since 0.1.0
 */
public final class PagedIterable<T> implements Iterable<T> {
  private final Function<String, Page<T>> fetch;

  private PagedIterable(Function<String, Page<T>> fetch) {
    this.fetch = fetch;
  }

  /**
   * A lazy iterable over the pages that {@code fetch} returns.
   *
   * @param fetch fetches the page at a cursor; {@code null} asks for the first page
   */
  public static <T> PagedIterable<T> of(Function<String, Page<T>> fetch) {
    return new PagedIterable<>(Objects.requireNonNull(fetch, "fetch"));
  }

  @Override
  public Iterator<T> iterator() {
    return new Iterator<>() {
      private Iterator<T> current;
      private String cursor;
      private boolean lastPageFetched;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (lastPageFetched) {
            return false;
          }
          Page<T> page = fetch.apply(cursor);
          current = page.items().iterator();
          cursor = page.nextCursor().orElse(null);
          lastPageFetched = cursor == null;
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
  }

  /** A sequential stream of every item; pages are fetched as the stream is consumed. */
  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL),
        false);
  }
}
