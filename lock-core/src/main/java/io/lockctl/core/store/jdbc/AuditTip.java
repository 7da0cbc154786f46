package io.lockctl.core.store.jdbc;

import io.lockctl.core.audit.AuditHead;
import java.util.ArrayList;
import java.util.List;

/**
 * The writer's open batch as the audit log sees it. Each write's appends wait here until the
 * batch's other work is done ({@link JdbcAuditLogRepository#sequence}): they follow the batch's
 * savepoints, so the appends of a write that was rolled back (a failure, a dry run) are dropped
 * with it. The writer then runs the kept ones in order ({@link
 * JdbcAuditLogRepository#appendDeferred}); the head they reach stays here, ahead of the {@code
 * audit_head} row, until it is stored once, just before COMMIT. Each connection has one; only the
 * writer's is ever set, so a reader reads the row.
 */
final class AuditTip {
  /** The appends of the batch's kept writes, in order. */
  private final List<Runnable> kept = new ArrayList<>();

  /** The appends of the write that is running. */
  private final List<Runnable> running = new ArrayList<>();

  /** After the appends run so far; null while the row is current. */
  private AuditHead reached;

  /** The head the batch has reached, or null when the row holds it. */
  AuditHead current() {
    return reached;
  }

  void defer(Runnable append) {
    running.add(append);
  }

  /** One write of the batch ended; {@code keep} says whether its savepoint was released. */
  void writeEnded(boolean keep) {
    if (keep) {
      kept.addAll(running);
    }
    running.clear();
  }

  /** The kept writes' appends, to run now; none are left here. */
  List<Runnable> takeDeferred() {
    List<Runnable> appends = new ArrayList<>(kept);
    kept.clear();
    return appends;
  }

  void appended(AuditHead head) {
    reached = head;
  }

  /**
   * The head to store in the row before committing, or null if the batch appended nothing; also
   * forgets what a failed batch left.
   */
  AuditHead takeUnstored() {
    AuditHead unstored = reached;
    reached = null;
    kept.clear();
    running.clear();
    return unstored;
  }
}
