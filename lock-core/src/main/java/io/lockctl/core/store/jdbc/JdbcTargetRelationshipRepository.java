package io.lockctl.core.store.jdbc;

import io.lockctl.core.replication.Orientation;
import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.core.replication.TargetRelationshipRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Target relationships in the {@code target_relationship} table. */
final class JdbcTargetRelationshipRepository implements TargetRelationshipRepository {
  /** Every column but the id, in the order {@link #write} binds them. */
  private static final String COLUMNS =
      "region_id, source_cluster, source_path, target_path,"
          + " expiration_ttl_millis, orientation, original_key_id, reversed_key_id, create_time";

  private static final String SELECT = "SELECT id, " + COLUMNS + " FROM target_relationship";

  private final CachingConnection connection;

  JdbcTargetRelationshipRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public Optional<TargetRelationship> find(String id) {
    return select(SELECT + " WHERE id = ?", id).stream().findFirst();
  }

  @Override
  public void insert(TargetRelationship relationship) {
    write(
        "INSERT INTO target_relationship ("
            + COLUMNS
            + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        relationship,
        "inserting");
  }

  @Override
  public void update(TargetRelationship relationship) {
    String sql =
        "UPDATE target_relationship SET ("
            + COLUMNS
            + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " WHERE id = ?";
    if (write(sql, relationship, "updating") != 1) {
      throw new IllegalStateException("no relationship " + relationship.id() + " to update");
    }
  }

  @Override
  public void delete(String id) {
    try {
      PreparedStatement delete = connection.prepare("DELETE FROM target_relationship WHERE id = ?");
      delete.setString(1, id);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("deleting relationship " + id, e);
    }
  }

  @Override
  public List<TargetRelationship> list(String regionId, String afterId, int limit) {
    String after = afterId == null ? "" : afterId;
    if (regionId == null) {
      return select(SELECT + " WHERE id > ? ORDER BY id LIMIT ?", after, limit);
    }
    return select(
        SELECT + " WHERE region_id = ? AND id > ? ORDER BY id LIMIT ?", regionId, after, limit);
  }

  @Override
  public List<TargetRelationship> listUsingKey(String keyId, String afterId, int limit) {
    // Written as a UNION so that each branch walks its own (key, id) index in id order.
    String sql =
        SELECT
            + " WHERE original_key_id = ? AND id > ?"
            + " UNION "
            + SELECT
            + " WHERE reversed_key_id = ? AND id > ?"
            + " ORDER BY id LIMIT ?";
    String after = afterId == null ? "" : afterId;
    return select(sql, keyId, after, keyId, after, limit);
  }

  private int write(String sql, TargetRelationship relationship, String what) {
    try {
      PreparedStatement statement = connection.prepare(sql);
      statement.setString(1, relationship.regionId());
      statement.setString(2, relationship.sourceCluster());
      statement.setString(3, relationship.sourcePath());
      statement.setString(4, relationship.targetPath());
      statement.setLong(5, relationship.expirationTtl().toMillis());
      statement.setString(6, relationship.orientation().name());
      statement.setString(7, relationship.originalKeyId());
      statement.setString(8, relationship.reversedKeyId());
      statement.setLong(9, relationship.createTime().toEpochMilli());
      statement.setString(10, relationship.id());
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of(what + " relationship " + relationship.id(), e);
    }
  }

  private List<TargetRelationship> select(String sql, Object... args) {
    try {
      PreparedStatement select = connection.prepare(sql);
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 1, args[i]);
      }
      List<TargetRelationship> relationships = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          relationships.add(
              new TargetRelationship(
                  rows.getString("id"),
                  rows.getString("region_id"),
                  rows.getString("source_cluster"),
                  rows.getString("source_path"),
                  rows.getString("target_path"),
                  Duration.ofMillis(rows.getLong("expiration_ttl_millis")),
                  Orientation.valueOf(rows.getString("orientation")),
                  rows.getString("original_key_id"),
                  rows.getString("reversed_key_id"),
                  Instant.ofEpochMilli(rows.getLong("create_time"))));
        }
      }
      return relationships;
    } catch (SQLException e) {
      throw SqlFailures.of("reading relationships", e);
    }
  }
}
