package io.lockctl.core.audit;

import java.time.Instant;

/**
 * One record as the store keeps it: its canonical bytes (what the tree hashes), the fields the
 * listings filter on, and the resource after the change.
 */
public record AuditEvent(
    long index,
    byte[] record,
    Instant time,
    String principal,
    String action,
    String resource,
    ResourceState after) {

  public AuditEvent {
    record = record.clone();
  }

  @Override
  public byte[] record() {
    return record.clone();
  }

  /** The record its bytes hold. */
  public AuditEntry entry() throws MalformedAuditRecordException {
    return AuditRecordEncoding.decode(record);
  }

  /** Whether the filter fields say what the hashed bytes say. */
  public boolean agreesWith(AuditEntry entry) {
    return entry.index() == index
        && entry.time().equals(time)
        && entry.principal().equals(principal)
        && entry.action().equals(action)
        && entry.resource().equals(resource);
  }
}
