package io.lockctl.core.audit;

import java.util.List;
import java.util.Optional;

/** The stored audit log, read only: its records, its tree and its signed checkpoints. */
public interface AuditLogReader extends NodeSource {

  AuditHead head();

  /** One page of records passing {@link AuditQuery#matches}, in ascending index order. */
  List<AuditEvent> list(AuditQuery query);

  /**
   * The stored rows from {@code fromIndex} on, in ascending index order, at most {@code limit}:
   * whatever the table holds, for a check of the whole log.
   */
  List<AuditEvent> scan(long fromIndex, int limit);

  /** The stored nodes whose last leaf is in {@code [fromLeaf, toLeaf)}, for a check of the log. */
  List<TreeNode> nodesEndingIn(long fromLeaf, long toLeaf);

  /** Every checkpoint the log signed, in ascending size order. */
  List<StoredCheckpoint> checkpoints();

  /** The checkpoint signed for {@code size}, if one was. */
  Optional<StoredCheckpoint> checkpoint(long size);
}
