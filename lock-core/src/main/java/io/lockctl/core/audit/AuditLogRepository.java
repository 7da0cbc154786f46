package io.lockctl.core.audit;

import java.util.List;

/** The stored audit log, for appends: a record, the tree nodes it completed, the new head. */
public interface AuditLogRepository extends AuditLogReader {

  void append(AuditEvent event, List<TreeNode> completed, AuditHead head);

  /**
   * Runs {@code append} (which reads the head and appends) when a record can take its index: at
   * once, or, in a store that batches writes, at the end of the batch, after its other work, once
   * it holds the log's head; so processes that share one log append one batch at a time, and only
   * for that tail of their batches. An append of a write that is rolled back never runs. Until it
   * runs, the head does not show the record.
   */
  default void sequence(Runnable append) {
    append.run();
  }

  /** Keeps a signed checkpoint; one per tree size. */
  void saveCheckpoint(StoredCheckpoint checkpoint);
}
