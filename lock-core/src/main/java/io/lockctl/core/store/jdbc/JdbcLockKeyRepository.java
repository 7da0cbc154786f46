package io.lockctl.core.store.jdbc;

import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.LockKeyRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lock keys in the {@code lock_key} table. */
final class JdbcLockKeyRepository implements LockKeyRepository {
  private static final String SELECT =
      "SELECT id, name, comment, public_key_pem, disabled, create_time FROM lock_key";

  private static final String SELECT_BY_ID = SELECT + " WHERE id = ?";
  private static final String SELECT_BY_NAME = SELECT + " WHERE name = ?";

  /** The UNIQUE constraint's index on name gives the order. */
  private static final String SELECT_PAGE_BY_NAME =
      SELECT + " WHERE name > ? ORDER BY name LIMIT ?";

  /** Binds as {@link #write} does, the id last. */
  private static final String INSERT =
      "INSERT INTO lock_key (comment, disabled, name, public_key_pem, create_time, id)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  /** Binds as {@link #write} does, the id last. */
  private static final String UPDATE =
      "UPDATE lock_key SET comment = ?, disabled = ?, name = ?, public_key_pem = ?,"
          + " create_time = ? WHERE id = ?";

  private static final String DELETE = "DELETE FROM lock_key WHERE id = ?";

  private final CachingConnection connection;

  JdbcLockKeyRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public Optional<LockKey> findById(String id) {
    return select(SELECT_BY_ID, id).stream().findFirst();
  }

  @Override
  public Optional<LockKey> findByName(String name) {
    return select(SELECT_BY_NAME, name).stream().findFirst();
  }

  @Override
  public void insert(LockKey key) {
    write(INSERT, key, "inserting");
  }

  @Override
  public void update(LockKey key) {
    if (write(UPDATE, key, "updating") != 1) {
      throw new IllegalStateException("no lock key " + key.id() + " to update");
    }
  }

  @Override
  public void delete(String id) {
    try {
      PreparedStatement delete = connection.prepare(DELETE);
      delete.setString(1, id);
      delete.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("deleting lock key " + id, e);
    }
  }

  @Override
  public List<LockKey> list(String afterName, int limit) {
    return select(SELECT_PAGE_BY_NAME, afterName == null ? "" : afterName, limit);
  }

  /** Binds every column in the order insert and update name them, the id last. */
  private int write(String sql, LockKey key, String what) {
    try {
      PreparedStatement statement = connection.prepare(sql);
      statement.setString(1, key.comment());
      statement.setInt(2, key.disabled() ? 1 : 0);
      statement.setString(3, key.name());
      statement.setString(4, key.publicKeyPem());
      statement.setLong(5, key.createTime().toEpochMilli());
      statement.setString(6, key.id());
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of(what + " lock key " + key.id(), e);
    }
  }

  /** Runs one of the selects above, binding {@code args} in order. */
  private List<LockKey> select(String sql, Object... args) {
    try {
      PreparedStatement select = connection.prepare(sql);
      for (int i = 0; i < args.length; i++) {
        select.setObject(i + 1, args[i]);
      }
      List<LockKey> keys = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(
              new LockKey(
                  rows.getString("id"),
                  rows.getString("name"),
                  rows.getString("comment"),
                  rows.getString("public_key_pem"),
                  rows.getInt("disabled") != 0,
                  Instant.ofEpochMilli(rows.getLong("create_time"))));
        }
      }
      return keys;
    } catch (SQLException e) {
      throw SqlFailures.of("reading lock keys", e);
    }
  }
}
