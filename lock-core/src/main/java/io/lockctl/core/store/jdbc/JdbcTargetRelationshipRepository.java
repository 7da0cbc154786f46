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

  private static final String SELECT_BY_ID = SELECT + " WHERE id = ?";

  private static final String SELECT_PAGE = SELECT + " WHERE id > ? ORDER BY id LIMIT ?";

  /** The index target_relationship_by_region walks it in id order. */
  private static final String SELECT_PAGE_IN_REGION =
      SELECT + " WHERE region_id = ? AND id > ? ORDER BY id LIMIT ?";

  /** A UNION, so that each branch walks its own (key, id) index in id order. */
  private static final String SELECT_PAGE_USING_KEY =
      SELECT
          + " WHERE original_key_id = ? AND id > ?"
          + " UNION "
          + SELECT
          + " WHERE reversed_key_id = ? AND id > ?"
          + " ORDER BY id LIMIT ?";

  /** Binds as {@link #write} does, the id last. */
  private static final String INSERT =
      "INSERT INTO target_relationship (" + COLUMNS + ", id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** Binds as {@link #write} does, the id last. */
  private static final String UPDATE =
      "UPDATE target_relationship SET ("
          + COLUMNS
          + ") = (?, ?, ?, ?, ?, ?, ?, ?, ?)"
          + " WHERE id = ?";

  private static final String DELETE = "DELETE FROM target_relationship WHERE id = ?";

  private final CachingConnection connection;

  JdbcTargetRelationshipRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public Optional<TargetRelationship> find(String id) {
    return select(SELECT_BY_ID, id).stream().findFirst();
  }

  @Override
  public void insert(TargetRelationship relationship) {
    write(INSERT, relationship, "inserting");
  }

  @Override
  public void update(TargetRelationship relationship) {
    if (write(UPDATE, relationship, "updating") != 1) {
      throw new IllegalStateException("no relationship " + relationship.id() + " to update");
    }
  }

  @Override
  public void delete(String id) {
    try {
      PreparedStatement delete = connection.prepare(DELETE);
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
      return select(SELECT_PAGE, after, limit);
    }
    return select(SELECT_PAGE_IN_REGION, regionId, after, limit);
  }

  @Override
  public List<TargetRelationship> listUsingKey(String keyId, String afterId, int limit) {
    String after = afterId == null ? "" : afterId;
    return select(SELECT_PAGE_USING_KEY, keyId, after, keyId, after, limit);
  }

  /** Binds every column in the order insert and update name them, the id last. */
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

  /** Runs one of the selects above, binding {@code args} in order. */
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
