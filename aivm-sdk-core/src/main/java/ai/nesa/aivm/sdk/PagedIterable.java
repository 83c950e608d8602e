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
 * <p>To work page by page, or to resume after a failure, walk {@link #pages()}: each page
 * carries the cursor of the next, which a later {@code listAll} or {@code list} call can start
 * from.
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
    Iterator<Page<T>> pages = pages().iterator();
    return new Iterator<>() {
      private Iterator<T> current = java.util.Collections.emptyIterator();

      @Override
      public boolean hasNext() {
        while (!current.hasNext()) {
          if (!pages.hasNext()) {
            return false;
          }
          current = pages.next().items().iterator();
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

  /**
   * The pages themselves, fetched one at a time as iteration goes, each with the cursor of the
   * next. Empty pages the gateway sends in the middle are passed on as they are.
   */
  public Iterable<Page<T>> pages() {
    return () -> new Iterator<>() {
      private String cursor;
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public Page<T> next() {
        if (done) {
          throw new NoSuchElementException();
        }
        Page<T> page = fetch.apply(cursor);
        cursor = page.nextCursor().orElse(null);
        done = cursor == null;
        return page;
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
