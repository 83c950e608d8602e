package ai.nesa.aivm.sdk;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Every item of a paged list, fetched page by page without blocking a thread: the asynchronous
 * twin of {@link PagedIterable}.
 *
 * <p>The action runs on the thread that completed the page's fetch; keep it short or hand the
 * item to your own executor.
 *
 * @param <T> the item type
 * @since 0.1.0
 */
public final class AsyncPagedIterable<T> {
  private final Function<String, CompletableFuture<Page<T>>> fetch;

  private AsyncPagedIterable(Function<String, CompletableFuture<Page<T>>> fetch) {
    this.fetch = fetch;
  }

  /**
   * An asynchronous pager over the pages that {@code fetch} returns.
   *
   * @param fetch fetches the page at a cursor; {@code null} asks for the first page
   */
  public static <T> AsyncPagedIterable<T> of(Function<String, CompletableFuture<Page<T>>> fetch) {
    return new AsyncPagedIterable<>(Objects.requireNonNull(fetch, "fetch"));
  }

  /** Runs {@code action} on every item, in order; completes when the last page is done. */
  public CompletableFuture<Void> forEach(Consumer<? super T> action) {
    return forEachWhile(item -> {
      action.accept(item);
      return true;
    });
  }

  /**
   * Runs {@code action} on items in order until it returns {@code false}; no page after that
   * item is fetched.
   */
  public CompletableFuture<Void> forEachWhile(Predicate<? super T> action) {
    return from(null, action);
  }

  private CompletableFuture<Void> from(String cursor, Predicate<? super T> action) {
    return fetch.apply(cursor).thenCompose(page -> {
      for (T item : page.items()) {
        if (!action.test(item)) {
          return CompletableFuture.completedFuture(null);
        }
      }
      return page.hasNextPage()
          ? from(page.nextCursor().orElseThrow(), action)
          : CompletableFuture.completedFuture(null);
    });
  }
}
