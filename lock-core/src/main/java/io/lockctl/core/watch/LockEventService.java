package io.lockctl.core.watch;

import io.lockctl.core.audit.AuditReads;
import io.lockctl.core.auth.Lrn;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.transaction.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * WatchLockEvents: a read of {@code lrn:lockctl::audit}, authorised like every audit read, that
 * opens a {@link Watch} on the feed.
 */
public final class LockEventService {
  static final Action WATCH_LOCK_EVENTS = new Action("WatchLockEvents");

  private final Transactions<? extends AuditReads, ?> store;
  private final OperationRunner operations;
  private final AuditFeed feed;

  public LockEventService(
      Transactions<? extends AuditReads, ?> store, OperationRunner operations, AuditFeed feed) {
    this.store = store;
    this.operations = operations;
    this.feed = feed;
  }

  /**
   * Opens a watch for {@code caller}: from {@code startIndex} when present (at most the log's
   * size), otherwise from the log's size now, so only records committed from here on.
   *
   * @param startIndexWithoutFlag a start index sent without saying it is one (refused unless 0)
   */
  public Watch watch(
      Caller caller,
      OptionalLong startIndex,
      long startIndexWithoutFlag,
      WatchFilter filter,
      WatchListener listener) {
    long from =
        operations.read(
            store,
            caller,
            WATCH_LOCK_EVENTS,
            (tx, guard) -> {
              guard.authorize(Lrn.AUDIT);
              long size = tx.auditLog().head().size();
              List<FieldViolation> violations = new ArrayList<>();
              if (startIndex.isEmpty() && startIndexWithoutFlag != 0) {
                violations.add(
                    new FieldViolation(
                        "start_index", "is set without has_start_index, which it needs"));
              }
              long start = startIndex.orElse(size);
              if (start < 0 || start > size) {
                violations.add(
                    new FieldViolation("start_index", "must be at most the log's size " + size));
              }
              Rejection.throwIfInvalid(violations);
              return start;
            });
    return feed.watch(filter, from, listener);
  }
}
