package io.lockctl.core.audit;

/** What appending to the audit log needs: every mutation's write view offers it. */
public interface AuditWrites extends AuditReads {

  @Override
  AuditLogRepository auditLog();
}
