package io.lockctl.core.testing;

import io.lockctl.core.audit.MutationRecord;
import io.lockctl.core.audit.ResourceState;

/** Audit records for tests that need some in the log and do not care what they say. */
public final class AuditRecords {
  private AuditRecords() {}

  /** An accepted mutation of {@code resource}, without a client token or a resource state. */
  public static MutationRecord accepted(String principal, String action, String resource) {
    return new MutationRecord(
        principal, action, resource, new byte[32], "OK", "", ResourceState.NONE);
  }
}
