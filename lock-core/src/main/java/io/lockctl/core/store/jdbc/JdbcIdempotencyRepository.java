package io.lockctl.core.store.jdbc;

import io.lockctl.core.idempotency.IdempotencyKey;
import io.lockctl.core.idempotency.IdempotencyRecord;
import io.lockctl.core.idempotency.IdempotencyRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Remembered results of mutations in the {@code idempotency_record} table. */
final class JdbcIdempotencyRepository implements IdempotencyRepository {
  private static final String SELECT_BY_KEY =
      "SELECT fingerprint, response, create_time FROM idempotency_record"
          + " WHERE caller = ? AND operation = ? AND client_token = ?";

  private static final String INSERT =
      "INSERT INTO idempotency_record"
          + " (caller, operation, client_token, fingerprint, response, create_time)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  /** The index idempotency_record_by_create_time finds them. */
  private static final String DELETE_CREATED_BEFORE =
      "DELETE FROM idempotency_record WHERE create_time < ?";

  private final CachingConnection connection;

  JdbcIdempotencyRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyKey key) {
    try {
      PreparedStatement select = connection.prepare(SELECT_BY_KEY);
      bindKey(select, key);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new IdempotencyRecord(
                row.getBytes("fingerprint"),
                row.getBytes("response"),
                Instant.ofEpochMilli(row.getLong("create_time"))));
      }
    } catch (SQLException e) {
      throw SqlFailures.of("reading an idempotency record", e);
    }
  }

  @Override
  public void insert(IdempotencyKey key, IdempotencyRecord record) {
    try {
      PreparedStatement insert = connection.prepare(INSERT);
      bindKey(insert, key);
      insert.setBytes(4, record.requestFingerprint());
      insert.setBytes(5, record.response());
      insert.setLong(6, record.createTime().toEpochMilli());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("storing an idempotency record", e);
    }
  }

  @Override
  public int deleteCreatedBefore(Instant cutoff) {
    try {
      PreparedStatement delete = connection.prepare(DELETE_CREATED_BEFORE);
      delete.setLong(1, cutoff.toEpochMilli());
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("purging idempotency records", e);
    }
  }

  /** Binds the key to the first three parameters, in the order the statements name them. */
  private static void bindKey(PreparedStatement statement, IdempotencyKey key) throws SQLException {
    statement.setString(1, key.caller());
    statement.setString(2, key.operation());
    statement.setString(3, key.clientToken());
  }
}
