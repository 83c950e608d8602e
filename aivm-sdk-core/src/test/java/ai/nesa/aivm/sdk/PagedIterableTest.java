package ai.nesa.aivm.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The pagers fetch a page only when iteration reaches it. */
class PagedIterableTest {
  private final List<String> fetched = new ArrayList<>();

  /** Three pages: a,b | c,d | e. */
  private Page<String> page(String cursor) {
    fetched.add(String.valueOf(cursor));
    if (cursor == null) {
      return Page.of(List.of("a", "b"), "p2");
    }
    return cursor.equals("p2") ? Page.of(List.of("c", "d"), "p3") : Page.of(List.of("e"), null);
  }

  @Test
  void nothingIsFetchedUntilIterationStarts() {
    PagedIterable<String> all = PagedIterable.of(this::page);
    assertEquals(List.of(), fetched);
    all.iterator();
    assertEquals(List.of(), fetched);
  }

  @Test
  void onlyThePagesNeededAreFetched() {
    List<String> firstThree = PagedIterable.of(this::page).stream().limit(3).collect(Collectors.toList());
    assertEquals(List.of("a", "b", "c"), firstThree);
    assertEquals(List.of("null", "p2"), fetched);
  }

  @Test
  void everyItemOfEveryPageInOrder() {
    assertEquals(List.of("a", "b", "c", "d", "e"), PagedIterable.of(this::page).stream().collect(Collectors.toList()));
    assertEquals(List.of("null", "p2", "p3"), fetched);
  }

  @Test
  void pagesCarryTheCursorToResumeFrom() {
    List<String> cursors = new ArrayList<>();
    for (Page<String> page : PagedIterable.of(this::page).pages()) {
      cursors.add(page.nextCursor().orElse("end"));
      if (page.items().contains("c")) {
        break;
      }
    }
    assertEquals(List.of("p2", "p3"), cursors);
    assertEquals(List.of("null", "p2"), fetched);
  }

  @Test
  void emptyPagesInTheMiddleAreSkipped() {
    Function<String, Page<String>> withHole = c -> c == null ? Page.of(List.of(), "x")
        : c.equals("x") ? Page.of(List.of(), "y") : Page.of(List.of("z"), null);
    assertEquals(List.of("z"), PagedIterable.of(withHole).stream().collect(Collectors.toList()));
  }

  @Test
  void theAsyncPagerStopsFetchingWhenTheActionSaysSo() {
    List<String> seen = new ArrayList<>();
    AsyncPagedIterable.of(c -> CompletableFuture.completedFuture(page(c)))
        .forEachWhile(item -> {
          seen.add(item);
          return !item.equals("b");
        }).join();
    assertEquals(List.of("a", "b"), seen);
    assertEquals(List.of("null"), fetched);
  }
}
