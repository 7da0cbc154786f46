package io.lockctl.core.audit;

import io.lockctl.core.transaction.ReadView;

/** What reading the audit log needs from a transaction. */
public interface AuditReads extends ReadView {

  AuditLogReader auditLog();
}
