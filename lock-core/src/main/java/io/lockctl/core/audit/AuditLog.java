package io.lockctl.core.audit;

/**
 * The audit log's append: the record gets the next index, its leaf joins the tree (the frontier in
 * the head row, so no part of the tree is read), and record, new nodes and new head are written in
 * the transaction of the change they record.
 */
public final class AuditLog implements AuditTrail {

  @Override
  public void append(AuditWrites tx, MutationRecord mutation) {
    AuditLogRepository log = tx.auditLog();
    AuditHead head = log.head();
    AuditEntry entry =
        new AuditEntry(
            head.size(),
            tx.now(),
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
