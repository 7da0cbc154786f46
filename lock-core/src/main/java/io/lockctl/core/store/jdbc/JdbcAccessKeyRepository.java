package io.lockctl.core.store.jdbc;

import io.lockctl.core.accesskey.AccessKey;
import io.lockctl.core.accesskey.AccessKeyRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Access keys in the {@code access_key} table; the secret column holds only sealed secrets. */
final class JdbcAccessKeyRepository implements AccessKeyRepository {
  private static final String SELECT =
      "SELECT id, principal, sealed_secret, create_time FROM access_key";

  private static final String SELECT_BY_ID = SELECT + " WHERE id = ?";

  /** The primary key gives the order; an empty principal matches every key. */
  private static final String SELECT_PAGE =
      SELECT + " WHERE id > ? AND (? = '' OR principal = ?) ORDER BY id LIMIT ?";

  private static final String INSERT =
      "INSERT INTO access_key (id, principal, sealed_secret, create_time) VALUES (?, ?, ?, ?)";

  private static final String DELETE = "DELETE FROM access_key WHERE id = ?";

  private final CachingConnection connection;

  JdbcAccessKeyRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public Optional<AccessKey> find(String id) {
    return select(SELECT_BY_ID, id).stream().findFirst();
  }

  @Override
  public List<AccessKey> list(String principal, String afterId, int limit) {
    return select(SELECT_PAGE, afterId == null ? "" : afterId, principal, principal, limit);
  }

  @Override
  public void insert(AccessKey key) {
    try {
      PreparedStatement insert = connection.prepare(INSERT);
      insert.setString(1, key.id());
      insert.setString(2, key.principal());
      insert.setString(3, key.sealedSecret());
      insert.setLong(4, key.createTime().toEpochMilli());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("inserting access key " + key.id(), e);
    }
  }

  @Override
  public void delete(String id) {
    try {
      PreparedStatement delete = connection.prepare(DELETE);
      delete.setString(1, id);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("deleting access key " + id, e);
    }
  }

  private List<AccessKey> select(String sql, Object... args) {
    try {
      PreparedStatement select = connection.prepare(sql);
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 1, args[i]);
      }
      List<AccessKey> keys = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(
              new AccessKey(
                  rows.getString("id"),
                  rows.getString("principal"),
                  rows.getString("sealed_secret"),
                  Instant.ofEpochMilli(rows.getLong("create_time"))));
        }
      }
      return keys;
    } catch (SQLException e) {
      throw SqlFailures.of("reading access keys", e);
    }
  }
}
