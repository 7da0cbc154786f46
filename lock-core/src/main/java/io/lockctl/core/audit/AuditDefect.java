package io.lockctl.core.audit;

/** What {@link AuditLogVerifier} found wrong with a stored audit log. */
public enum AuditDefect {
  /** An index is missing: the next stored record has a larger one (a deleted row). */
  MISSING_RECORD,
  /** An index appears again, or goes backwards (an inserted or moved row). */
  DUPLICATE_RECORD,
  /** A stored record is not canonical record bytes. */
  MALFORMED_RECORD,
  /** The bytes stored at one index are the record of another (rows swapped or renumbered). */
  MISPLACED_RECORD,
  /** A record's bytes do not hash to the stored leaf hash (an edited row). */
  LEAF_MISMATCH,
  /** A stored inner node differs from the one its leaves give. */
  NODE_MISMATCH,
  /** The stored tree lacks a node that its size says it has. */
  NODE_MISSING,
  /** A record beyond the stored tree's size (a row added behind the log's back). */
  EXTRA_RECORD,
  /**
   * Fewer records than the stored tree, or a signed checkpoint, covers (rows deleted at the end).
   */
  MISSING_RECORDS,
  /**
   * The records give another root than a signed checkpoint: records and tree rewritten together.
   */
  CHECKPOINT_MISMATCH
}
