package io.lockctl.core.store.jdbc;

import io.lockctl.core.audit.AuditHead;

/**
 * The audit log's head as the writer's open batch left it, ahead of the {@code audit_head} row:
 * appends keep it in memory, and the writer stores it in the row once, just before the batch
 * commits ({@link JdbcAuditLogRepository#storeHead}). It follows the batch's savepoints: the head
 * of a write that was rolled back (a failure, a dry run) is dropped with the write. Each connection
 * has one; only the writer's is ever set, so a reader reads the row.
 */
final class AuditTip {
  /** After the batch's kept writes; null while the row is current. */
  private AuditHead kept;

  /** After the appends of the write that is running; null when it appended nothing. */
  private AuditHead running;

  /** The head the batch has reached, or null when the row holds it. */
  AuditHead current() {
    return running != null ? running : kept;
  }

  void appended(AuditHead head) {
    running = head;
  }

  /** One write of the batch ended; {@code kept} says whether its savepoint was released. */
  void writeEnded(boolean kept) {
    if (kept && running != null) {
      this.kept = running;
    }
    running = null;
  }

  /** The head to store in the row before committing, or null if the batch appended nothing. */
  AuditHead takeUnstored() {
    AuditHead unstored = kept;
    kept = null;
    running = null;
    return unstored;
  }
}
