package io.lockctl.core.audit;

/**
 * Where every mutation leaves its record, in the same transaction as its change, so that neither
 * exists without the other.
 */
@FunctionalInterface
public interface AuditTrail {

  /** Keeps no record: for tests that do not look at the audit log. */
  AuditTrail NONE = (tx, record) -> {};

  /** Appends {@code record} within {@code tx}, the transaction of the change it records. */
  void append(AuditWrites tx, MutationRecord record);
}
