package io.lockctl.core.operation;

/**
 * Where every accepted mutation leaves its record, in the same transaction as its change, so that
 * neither exists without the other.
 */
@FunctionalInterface
public interface AuditTrail {

  /** Keeps no record: for stores and tests without an audit log. */
  AuditTrail NONE = (tx, entry) -> {};

  /** Appends {@code entry} within {@code tx}, the transaction of the change it records. */
  void append(MutationWrites tx, AuditEntry entry);

  /**
   * One mutation as the audit log sees it.
   *
   * @param resource the LRN the call was authorised on
   * @param outcome "OK", or the reason of the refusal
   */
  record AuditEntry(
      Caller caller,
      Action action,
      String resource,
      byte[] requestDigest,
      String clientToken,
      String outcome) {}
}
