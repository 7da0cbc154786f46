package io.lockctl.core.replication;

import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageToken;
import java.util.List;
import java.util.function.Function;

/**
 * Paging as every replication list does it: fetch one more than the page to know if more follow.
 */
final class Pages {

  private Pages() {}

  /** The position a page token carries, or {@code null} for the first page. */
  static String after(String query, String pageToken) {
    return pageToken.isEmpty() ? null : PageToken.decode(query, pageToken);
  }

  /** The first {@code size} of {@code fetched} (which holds up to {@code size + 1}). */
  static <T> Page<T> of(String query, List<T> fetched, int size, Function<T, String> position) {
    if (fetched.size() <= size) {
      return new Page<>(fetched, "");
    }
    List<T> items = fetched.subList(0, size);
    return new Page<>(items, PageToken.encode(query, position.apply(items.get(size - 1))));
  }
}
