package io.lockctl.core.watch;

import io.lockctl.core.audit.AuditEntry;

/** One committed audit record and the resource as its change left it. */
public record LockEvent(AuditEntry entry, ChangedResource resource) {

  public long index() {
    return entry.index();
  }
}
