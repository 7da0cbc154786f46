package io.lockctl.core.store.memory;

import io.lockctl.core.audit.AuditEvent;
import io.lockctl.core.audit.AuditHead;
import io.lockctl.core.audit.AuditLogRepository;
import io.lockctl.core.audit.AuditQuery;
import io.lockctl.core.audit.NodeId;
import io.lockctl.core.audit.StoredCheckpoint;
import io.lockctl.core.audit.TreeNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The audit log's tables in memory. */
final class MemoryAuditLog implements AuditLogRepository {
  private final Tables tables;
  private final Writes writes;

  MemoryAuditLog(Tables tables, Writes writes) {
    this.tables = tables;
    this.writes = writes;
  }

  @Override
  public AuditHead head() {
    return tables.auditHead.get(Tables.HEAD);
  }

  @Override
  public void append(AuditEvent event, List<TreeNode> completed, AuditHead head) {
    if (tables.auditRecords.containsKey(event.index())) {
      throw Tables.keyTaken("audit record " + event.index());
    }
    writes.log().put(tables.auditRecords, event.index(), event);
    completed.forEach(node -> writes.log().put(tables.auditNodes, node.id(), node));
    writes.log().put(tables.auditHead, Tables.HEAD, head);
  }

  @Override
  public List<AuditEvent> list(AuditQuery query) {
    return tables.auditRecords.tailMap(query.afterIndex(), false).values().stream()
        .filter(query::matches)
        .limit(query.limit())
        .toList();
  }

  @Override
  public List<AuditEvent> scan(long fromIndex, int limit) {
    return tables.auditRecords.tailMap(fromIndex, true).values().stream().limit(limit).toList();
  }

  @Override
  public Optional<byte[]> find(int level, long index) {
    return Optional.ofNullable(tables.auditNodes.get(new NodeId(level, index))).map(TreeNode::hash);
  }

  /**
   * The nodes a leaf completes are those whose size divides the leaf count: looked up, not scanned.
   */
  @Override
  public List<TreeNode> nodesEndingIn(long fromLeaf, long toLeaf) {
    List<TreeNode> nodes = new ArrayList<>();
    long end = Math.min(toLeaf, head().size());
    for (long leaf = Math.max(0, fromLeaf); leaf < end; leaf++) {
      long count = leaf + 1;
      for (int level = 0; level < Long.SIZE - 1 && count % (1L << level) == 0; level++) {
        TreeNode node = tables.auditNodes.get(new NodeId(level, (count >> level) - 1));
        if (node != null) {
          nodes.add(node);
        }
      }
    }
    return nodes;
  }

  @Override
  public void saveCheckpoint(StoredCheckpoint checkpoint) {
    if (!tables.auditCheckpoints.containsKey(checkpoint.size())) {
      writes.log().put(tables.auditCheckpoints, checkpoint.size(), checkpoint);
    }
  }

  @Override
  public List<StoredCheckpoint> checkpoints() {
    return List.copyOf(tables.auditCheckpoints.values());
  }

  @Override
  public Optional<StoredCheckpoint> checkpoint(long size) {
    return Optional.ofNullable(tables.auditCheckpoints.get(size));
  }
}
