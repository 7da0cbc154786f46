package io.lockctl.core.paging;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Paging as every list does it: a store query fetches one more than the page, which tells whether
 * another page follows without a count, and the token carries the position of the page's last item,
 * bound to the query it was issued for and authenticated with the server's page-token key (which
 * the store keeps, so tokens stay good across restarts and replicas).
 */
public final class Pages {
  private final PageToken tokens;

  /** Pages whose tokens are authenticated with {@code key} (at least 32 bytes). */
  public Pages(byte[] key) {
    this.tokens = new PageToken(key);
  }

  /** The position a page token carries, or {@code null} for the first page. */
  public String after(String query, String pageToken) {
    return pageToken.isEmpty() ? null : tokens.decode(query, pageToken);
  }

  /**
   * The first {@code size} of {@code fetched} (which holds up to {@code size + 1}); the page can be
   * cut shorter, each item's token naming its own position.
   */
  public <T> Page<T> of(String query, List<T> fetched, int size, Function<T, String> position) {
    List<T> items = fetched.size() <= size ? fetched : fetched.subList(0, size);
    IntFunction<String> tokenAfter =
        index -> tokens.encode(query, position.apply(items.get(index)));
    return new Page<>(items, fetched.size() <= size ? "" : tokenAfter.apply(size - 1), tokenAfter);
  }

  /**
   * The refusal of a token that authenticated but carries a position the query cannot use; only a
   * token made with a leaked key can do that.
   */
  public static RuntimeException invalidToken() {
    return PageToken.invalid();
  }
}
