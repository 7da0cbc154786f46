package io.lockctl.core.audit;

import java.time.Instant;

/**
 * The audit log's append: the record gets the next index, its leaf joins the tree (the frontier in
 * the head row, so no part of the tree is read), and record, new nodes and new head are written in
 * the transaction of the change they record. The record keeps the time of its change; the index is
 * given when the store runs the append ({@link AuditLogRepository#sequence}).
 */
public final class AuditLog implements AuditTrail {

  @Override
  public void append(AuditWrites tx, MutationRecord mutation) {
    AuditLogRepository log = tx.auditLog();
    Instant time = tx.now();
    log.sequence(() -> appendNow(log, time, mutation));
  }

  private static void appendNow(AuditLogRepository log, Instant time, MutationRecord mutation) {
    AuditHead head = log.head();
    AuditEntry entry =
        new AuditEntry(
            head.size(),
            time,
            mutation.principal(),
            mutation.action(),
            mutation.resource(),
            mutation.requestSha256(),
            mutation.outcome(),
            mutation.clientToken());
    byte[] bytes = AuditRecordEncoding.encode(entry);
    Frontier.Appended appended = head.frontier().append(MerkleHash.leaf(bytes));
    log.append(
        new AuditEvent(
            entry.index(),
            bytes,
            entry.time(),
            entry.principal(),
            entry.action(),
            entry.resource(),
            mutation.after()),
        appended.completed(),
        AuditHead.of(appended.frontier()));
  }
}
