package io.lockctl.core.store.jdbc;

import io.lockctl.core.lockkey.UsedUnlockChallengeRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Spent unlock challenges in the {@code used_unlock_challenge} table. */
final class JdbcUsedUnlockChallengeRepository implements UsedUnlockChallengeRepository {
  private static final String SELECT_BY_NONCE =
      "SELECT 1 FROM used_unlock_challenge WHERE nonce = ?";

  private static final String INSERT =
      "INSERT INTO used_unlock_challenge (nonce, expire_time) VALUES (?, ?)";

  private static final String DELETE_EXPIRED_BEFORE =
      "DELETE FROM used_unlock_challenge WHERE expire_time < ?";

  private final CachingConnection connection;

  JdbcUsedUnlockChallengeRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public boolean contains(String nonce) {
    try {
      PreparedStatement select = connection.prepare(SELECT_BY_NONCE);
      select.setString(1, nonce);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    } catch (SQLException e) {
      throw SqlFailures.of("reading a used unlock challenge", e);
    }
  }

  @Override
  public void insert(String nonce, Instant expireTime) {
    try {
      PreparedStatement insert = connection.prepare(INSERT);
      insert.setString(1, nonce);
      insert.setLong(2, expireTime.toEpochMilli());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("recording a used unlock challenge", e);
    }
  }

  @Override
  public int deleteExpiredBefore(Instant cutoff) {
    try {
      PreparedStatement delete = connection.prepare(DELETE_EXPIRED_BEFORE);
      delete.setLong(1, cutoff.toEpochMilli());
      return delete.executeUpdate();
    } catch (SQLException e) {
      throw SqlFailures.of("purging used unlock challenges", e);
    }
  }
}
