package io.lockctl.core.store.jdbc;

import io.lockctl.core.audit.AuditEvent;
import io.lockctl.core.audit.AuditHead;
import io.lockctl.core.audit.AuditLogRepository;
import io.lockctl.core.audit.AuditQuery;
import io.lockctl.core.audit.Frontier;
import io.lockctl.core.audit.NodeId;
import io.lockctl.core.audit.ResourceState;
import io.lockctl.core.audit.StoredCheckpoint;
import io.lockctl.core.audit.TreeNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tables {@code audit_record}, {@code audit_node}, {@code audit_head} and {@code audit_checkpoint}:
 * the audit log's records with their leaf hashes, its Merkle tree's inner nodes, the head row, and
 * the signed checkpoints. An append writes the record and the inner nodes it completed (one on
 * average). In the writer, appends wait in the connection's {@link AuditTip} for the end of the
 * batch, and the head they reach is stored once per batch ({@link #appendDeferred}).
 */
final class JdbcAuditLogRepository implements AuditLogRepository {
  private static final int HASH = 32;
  private static final String RECORD_COLUMNS =
      "idx, record, time, principal, action, resource, resource_kind, resource_state";

  private static final String SELECT_HEAD = "SELECT size, frontier FROM audit_head WHERE id = 1";
  private static final String UPDATE_HEAD =
      "UPDATE audit_head SET size = ?, frontier = ? WHERE id = 1";
  private static final String INSERT_RECORD =
      "INSERT INTO audit_record ("
          + RECORD_COLUMNS
          + ", leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SCAN_RECORDS =
      "SELECT " + RECORD_COLUMNS + " FROM audit_record WHERE idx >= ? ORDER BY idx LIMIT ?";
  private static final String INSERT_NODE =
      "INSERT INTO audit_node (level, position, hash) VALUES (?, ?, ?)";
  private static final String SELECT_LEAF = "SELECT leaf_hash FROM audit_record WHERE idx = ?";
  private static final String SELECT_NODE =
      "SELECT hash FROM audit_node WHERE level = ? AND position = ?";
  private static final String SELECT_LEAVES =
      "SELECT idx, leaf_hash FROM audit_record WHERE idx >= ? AND idx < ? ORDER BY idx";
  private static final String SELECT_NODES_AT_LEVEL =
      "SELECT position, hash FROM audit_node WHERE level = ? AND position >= ? AND position < ?";
  private static final String INSERT_CHECKPOINT =
      "INSERT INTO audit_checkpoint (size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (size) DO NOTHING";
  private static final String SELECT_CHECKPOINTS =
      "SELECT size, root_hash, note, signed_at FROM audit_checkpoint ORDER BY size";
  private static final String SELECT_CHECKPOINT =
      "SELECT size, root_hash, note, signed_at FROM audit_checkpoint WHERE size = ?";

  private final CachingConnection connection;

  JdbcAuditLogRepository(CachingConnection connection) {
    this.connection = connection;
  }

  /** The head the open transaction reached: the writer's unstored one, else the stored row. */
  @Override
  public AuditHead head() {
    AuditHead unstored = connection.auditTip().current();
    return unstored != null ? unstored : storedHead();
  }

  /** Waits for the end of the batch: the writer runs it after the batch's other work. */
  @Override
  public void sequence(Runnable append) {
    connection.auditTip().defer(append);
  }

  /**
   * Runs the appends the batch's kept writes deferred, in their order, and stores the head they
   * reached: called once per batch, after its writes, with the head row locked against other
   * processes' batches, and before it commits.
   */
  static void appendDeferred(CachingConnection writer) throws SQLException {
    for (Runnable append : writer.auditTip().takeDeferred()) {
      append.run();
    }
    storeHead(writer);
  }

  private static void storeHead(CachingConnection writer) throws SQLException {
    AuditHead head = writer.auditTip().takeUnstored();
    if (head != null) {
      PreparedStatement update = writer.prepare(UPDATE_HEAD);
      update.setLong(1, head.size());
      update.setBytes(2, frontierBytes(head));
      update.executeUpdate();
    }
  }

  private AuditHead storedHead() {
    try (ResultSet row = connection.prepare(SELECT_HEAD).executeQuery()) {
      if (!row.next()) {
        throw new IllegalStateException("the audit log's head row is missing");
      }
      long size = row.getLong(1);
      byte[] frontier = row.getBytes(2);
      List<NodeId> ids = Frontier.restoreNodes(size);
      if (frontier.length != ids.size() * HASH) {
        throw new IllegalStateException(
            "the audit log's head row holds a frontier of the wrong length for size " + size);
      }
      List<TreeNode> peaks = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        NodeId id = ids.get(i);
        peaks.add(
            new TreeNode(
                id.level(), id.index(), Arrays.copyOfRange(frontier, i * HASH, (i + 1) * HASH)));
      }
      return new AuditHead(size, peaks);
    } catch (SQLException e) {
      throw SqlFailures.of("reading the audit log's head", e);
    }
  }

  /** {@code completed} starts with the leaf, which is kept in the record's row. */
  @Override
  public void append(AuditEvent event, List<TreeNode> completed, AuditHead head) {
    try {
      PreparedStatement record = connection.prepare(INSERT_RECORD);
      record.setLong(1, event.index());
      record.setBytes(2, event.record());
      record.setLong(3, event.time().toEpochMilli());
      record.setString(4, event.principal());
      record.setString(5, event.action());
      record.setString(6, event.resource());
      record.setString(7, event.after().kind());
      record.setBytes(8, event.after().state());
      record.setBytes(9, completed.get(0).hash());
      record.executeUpdate();
      PreparedStatement node = connection.prepare(INSERT_NODE);
      for (TreeNode inner : completed.subList(1, completed.size())) {
        node.setInt(1, inner.level());
        node.setLong(2, inner.index());
        node.setBytes(3, inner.hash());
        node.executeUpdate();
      }
      connection.auditTip().appended(head);
    } catch (SQLException e) {
      throw SqlFailures.of("appending audit record " + event.index(), e);
    }
  }

  @Override
  public List<AuditEvent> list(AuditQuery query) {
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(RECORD_COLUMNS)
            .append(" FROM audit_record WHERE idx > ?");
    List<Object> parameters = new ArrayList<>(List.of(query.afterIndex()));
    if (!query.resourcePrefix().isEmpty()) {
      // A range on the prefix rather than LIKE, whose wildcards the prefix could contain.
      sql.append(" AND resource >= ? AND resource < ?");
      parameters.add(query.resourcePrefix());
      parameters.add(query.resourcePrefix() + Character.MAX_VALUE);
    }
    if (!query.principal().isEmpty()) {
      sql.append(" AND principal = ?");
      parameters.add(query.principal());
    }
    if (!query.action().isEmpty()) {
      sql.append(" AND action = ?");
      parameters.add(query.action());
    }
    if (query.from() != null) {
      sql.append(" AND time >= ?");
      parameters.add(query.from().toEpochMilli());
    }
    if (query.until() != null) {
      sql.append(" AND time < ?");
      parameters.add(query.until().toEpochMilli());
    }
    sql.append(" ORDER BY idx LIMIT ?");
    parameters.add(query.limit());
    try {
      PreparedStatement select = connection.prepare(sql.toString());
      for (int i = 0; i < parameters.size(); i++) {
        select.setObject(i + 1, parameters.get(i));
      }
      return events(select);
    } catch (SQLException e) {
      throw SqlFailures.of("listing audit records", e);
    }
  }

  @Override
  public List<AuditEvent> scan(long fromIndex, int limit) {
    try {
      PreparedStatement select = connection.prepare(SCAN_RECORDS);
      select.setLong(1, fromIndex);
      select.setInt(2, limit);
      return events(select);
    } catch (SQLException e) {
      throw SqlFailures.of("reading audit records", e);
    }
  }

  @Override
  public Optional<byte[]> find(int level, long index) {
    try {
      PreparedStatement select;
      if (level == 0) {
        select = connection.prepare(SELECT_LEAF);
        select.setLong(1, index);
      } else {
        select = connection.prepare(SELECT_NODE);
        select.setInt(1, level);
        select.setLong(2, index);
      }
      try (ResultSet row = select.executeQuery()) {
        // A leaf hash is NULL only where a store before V10 had lost the leaf's node.
        return row.next() ? Optional.ofNullable(row.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw SqlFailures.of("reading an audit tree node", e);
    }
  }

  /**
   * The leaves from the records' rows, then each level's inner nodes by their primary key: the node
   * at (level, position) ends at leaf {@code (position + 1) * 2^level - 1}, so those ending in the
   * range have consecutive positions, and only levels whose nodes span at most {@code toLeaf}
   * leaves can have any.
   */
  @Override
  public List<TreeNode> nodesEndingIn(long fromLeaf, long toLeaf) {
    List<TreeNode> nodes = new ArrayList<>();
    long from = Math.max(0, fromLeaf);
    if (from >= toLeaf) {
      return nodes;
    }
    try {
      PreparedStatement leaves = connection.prepare(SELECT_LEAVES);
      leaves.setLong(1, from);
      leaves.setLong(2, toLeaf);
      try (ResultSet rows = leaves.executeQuery()) {
        while (rows.next()) {
          byte[] hash = rows.getBytes(2);
          if (hash != null) {
            nodes.add(new TreeNode(0, rows.getLong(1), hash));
          }
        }
      }
      PreparedStatement inner = connection.prepare(SELECT_NODES_AT_LEVEL);
      for (int level = 1; level <= NodeId.MAX_LEVEL && (1L << level) <= toLeaf; level++) {
        long firstPosition = (from + (1L << level)) >> level; // ceil((from + 1) / 2^level)
        inner.setInt(1, level);
        inner.setLong(2, firstPosition - 1);
        inner.setLong(3, toLeaf >> level);
        try (ResultSet rows = inner.executeQuery()) {
          while (rows.next()) {
            nodes.add(new TreeNode(level, rows.getLong(1), rows.getBytes(2)));
          }
        }
      }
      return nodes;
    } catch (SQLException e) {
      throw SqlFailures.of("reading audit tree nodes", e);
    }
  }

  @Override
  public void saveCheckpoint(StoredCheckpoint checkpoint) {
    try {
      PreparedStatement insert = connection.prepare(INSERT_CHECKPOINT);
      insert.setLong(1, checkpoint.size());
      insert.setBytes(2, checkpoint.rootHash());
      insert.setString(3, checkpoint.note());
      insert.setLong(4, checkpoint.signedAt().toEpochMilli());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("storing an audit checkpoint", e);
    }
  }

  @Override
  public List<StoredCheckpoint> checkpoints() {
    try {
      return checkpoints(connection.prepare(SELECT_CHECKPOINTS));
    } catch (SQLException e) {
      throw SqlFailures.of("reading audit checkpoints", e);
    }
  }

  @Override
  public Optional<StoredCheckpoint> checkpoint(long size) {
    try {
      PreparedStatement select = connection.prepare(SELECT_CHECKPOINT);
      select.setLong(1, size);
      return checkpoints(select).stream().findFirst();
    } catch (SQLException e) {
      throw SqlFailures.of("reading an audit checkpoint", e);
    }
  }

  private static List<StoredCheckpoint> checkpoints(PreparedStatement select) throws SQLException {
    List<StoredCheckpoint> checkpoints = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        checkpoints.add(
            new StoredCheckpoint(
                rows.getLong(1),
                rows.getBytes(2),
                rows.getString(3),
                Instant.ofEpochMilli(rows.getLong(4))));
      }
    }
    return checkpoints;
  }

  private static List<AuditEvent> events(PreparedStatement select) throws SQLException {
    List<AuditEvent> events = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        events.add(
            new AuditEvent(
                rows.getLong(1),
                rows.getBytes(2),
                Instant.ofEpochMilli(rows.getLong(3)),
                rows.getString(4),
                rows.getString(5),
                rows.getString(6),
                new ResourceState(rows.getString(7), rows.getBytes(8))));
      }
    }
    return events;
  }

  private static byte[] frontierBytes(AuditHead head) {
    byte[] bytes = new byte[head.peaks().size() * HASH];
    for (int i = 0; i < head.peaks().size(); i++) {
      System.arraycopy(head.peaks().get(i).hash(), 0, bytes, i * HASH, HASH);
    }
    return bytes;
  }
}
