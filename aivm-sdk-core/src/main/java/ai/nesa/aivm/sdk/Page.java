package ai.nesa.aivm.sdk;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a list the gateway returns in pages, and the cursor of the next page.
 *
 * <p>To walk every item without handling cursors, use the {@code listAll} twin of a list call: it
 * fetches the next page only when iteration reaches it.
 *
 * @param <T> the item type
 * @since 0.1.0
 */
public final class Page<T> {
  private final List<T> items;
  private final String nextCursor;

  private Page(List<T> items, String nextCursor) {
    this.items = List.copyOf(items);
    this.nextCursor = nextCursor;
  }

  /**
   * A page.
   *
   * @param items the page's items
   * @param nextCursor the cursor of the next page, or {@code null} on the last page
   */
  public static <T> Page<T> of(List<T> items, String nextCursor) {
    return new Page<>(items, nextCursor == null || nextCursor.isEmpty() ? null : nextCursor);
  }

  public List<T> items() {
    return items;
  }

  /** The cursor to pass to get the next page; empty on the last page. */
  public Optional<String> nextCursor() {
    return Optional.ofNullable(nextCursor);
  }

  public boolean hasNextPage() {
    return nextCursor != null;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Page<?> p && items.equals(p.items) && Objects.equals(nextCursor, p.nextCursor);
  }

  @Override
  public int hashCode() {
    return Objects.hash(items, nextCursor);
  }

  @Override
  public String toString() {
    return "Page{" + items.size() + " items, next=" + nextCursor + "}";
  }
}
