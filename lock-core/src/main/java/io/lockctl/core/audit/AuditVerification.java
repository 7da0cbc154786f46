package io.lockctl.core.audit;

/** The outcome of checking a whole stored audit log ({@link AuditLogVerifier}). */
public sealed interface AuditVerification {

  boolean ok();

  /** Every record, the stored tree and every signed checkpoint agree. */
  record Intact(long treeSize) implements AuditVerification {
    @Override
    public boolean ok() {
      return true;
    }
  }

  /**
   * The log is damaged.
   *
   * @param firstBadIndex the first index that fails (see {@link AuditLogVerifier} for each case)
   * @param defect what failed there
   * @param detail the same, for humans
   */
  record Broken(long firstBadIndex, AuditDefect defect, String detail)
      implements AuditVerification {
    @Override
    public boolean ok() {
      return false;
    }
  }
}
