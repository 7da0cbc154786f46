package io.lockctl.core.paging;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;

/**
 * A validated page size (0 means 50, above 1000 means 1000, negative is refused; see page_size in
 * the protos).
 */
public final class PageRequest {
  public static final int DEFAULT_SIZE = 50;
  public static final int MAX_SIZE = 1000;

  private PageRequest() {}

  public static int effectiveSize(int requested) {
    if (requested < 0) {
      throw Rejection.invalidField(Reason.INVALID_PARAMETER, "page_size", "must not be negative")
          .toException();
    }
    return requested == 0 ? DEFAULT_SIZE : Math.min(requested, MAX_SIZE);
  }
}
