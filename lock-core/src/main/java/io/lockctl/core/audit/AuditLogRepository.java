package io.lockctl.core.audit;

import java.util.List;

/** The stored audit log, for appends: a record, the tree nodes it completed, the new head. */
public interface AuditLogRepository extends AuditLogReader {

  void append(AuditEvent event, List<TreeNode> completed, AuditHead head);

  /** Keeps a signed checkpoint; one per tree size. */
  void saveCheckpoint(StoredCheckpoint checkpoint);
}
