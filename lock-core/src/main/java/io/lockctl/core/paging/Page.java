package io.lockctl.core.paging;

import java.util.List;

/** One page of results and the token for the next; the token is empty on the last page. */
public record Page<T>(List<T> items, String nextPageToken) {
  public Page {
    items = List.copyOf(items);
  }
}
