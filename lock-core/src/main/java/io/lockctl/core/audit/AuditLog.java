package io.lockctl.core.audit;

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
    // Built now, before its index is known, so that a record that cannot be built fails its own
    // write, and not the batch at whose end the store may run the append.
    AuditEntry unnumbered =
        new AuditEntry(
            0,
            tx.now(),
            mutation.principal(),
            mutation.action(),
            mutation.resource(),
            mutation.requestSha256(),
            mutation.outcome(),
            mutation.clientToken());
    ResourceState after = mutation.after();
    log.sequence(() -> appendNow(log, unnumbered, after));
  }

  private static void appendNow(
      AuditLogRepository log, AuditEntry unnumbered, ResourceState after) {
    AuditHead head = log.head();
    AuditEntry entry = unnumbered.withIndex(head.size());
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
            after),
        appended.completed(),
        AuditHead.of(appended.frontier()));
  }
}
