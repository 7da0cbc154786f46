package io.lockctl.core.paging;

import java.util.List;
import java.util.function.Function;

/**
 * Paging as every list does it: a store query fetches one more than the page, which tells whether
 * another page follows without a count, and the token carries the position of the page's last item,
 * bound to the query it was issued for.
 */
public final class Pages {

  private Pages() {}

  /** The position a page token carries, or {@code null} for the first page. */
  public static String after(String query, String pageToken) {
    return pageToken.isEmpty() ? null : PageToken.decode(query, pageToken);
  }

  /** The first {@code size} of {@code fetched} (which holds up to {@code size + 1}). */
  public static <T> Page<T> of(
      String query, List<T> fetched, int size, Function<T, String> position) {
    if (fetched.size() <= size) {
      return new Page<>(fetched, "");
    }
    List<T> items = fetched.subList(0, size);
    return new Page<>(items, PageToken.encode(query, position.apply(items.get(size - 1))));
  }
}
