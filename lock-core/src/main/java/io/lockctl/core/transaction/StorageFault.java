package io.lockctl.core.transaction;

/**
 * What a failed storage operation means for the caller, which decides the status it is answered
 * with and whether the store still counts as healthy.
 */
public enum StorageFault {
  /**
   * Nothing of the operation took effect and the store may take it later (a lost connection, a busy
   * or failing disk): retrying it, with its client token, is safe.
   */
  UNAVAILABLE,
  /** The disk (or the database server's disk) is full; nothing of the operation took effect. */
  STORAGE_FULL,
  /** The stored data is damaged: a page or file fails the database's own checks. */
  DAMAGED,
  /** A COMMIT was sent and its answer lost: the write may or may not have taken effect. */
  OUTCOME_UNKNOWN,
  /** Anything else: a bug, or a failure nobody classified. */
  FAILED
}
