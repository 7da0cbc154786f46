package io.lockctl.core.paging;

import java.util.List;
import java.util.function.IntFunction;

/**
 * One page of results and the token for the next; the token is empty on the last page. A page made
 * by {@link Pages} can be cut shorter ({@link #firstItems}), with the token to go on after the last
 * item kept: the edge does that to keep a response within its size limit.
 */
public final class Page<T> {
  private final List<T> items;
  private final String nextPageToken;
  private final IntFunction<String> tokenAfter;

  /** A page that cannot be cut. */
  public Page(List<T> items, String nextPageToken) {
    this(items, nextPageToken, null);
  }

  Page(List<T> items, String nextPageToken, IntFunction<String> tokenAfter) {
    this.items = List.copyOf(items);
    this.nextPageToken = nextPageToken;
    this.tokenAfter = tokenAfter;
  }

  public List<T> items() {
    return items;
  }

  public String nextPageToken() {
    return nextPageToken;
  }

  /** The first {@code count} items (at least one), and a token for those after them. */
  public Page<T> firstItems(int count) {
    if (count >= items.size()) {
      return this;
    }
    if (count < 1 || tokenAfter == null) {
      throw new IllegalArgumentException("this page cannot be cut to " + count + " items");
    }
    return new Page<>(items.subList(0, count), tokenAfter.apply(count - 1), tokenAfter);
  }

  @Override
  public String toString() {
    return "Page[items=" + items + ", nextPageToken=" + nextPageToken + "]";
  }
}
