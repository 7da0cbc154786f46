package io.lockctl.core.store.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The unlock challenges' HMAC secret ({@code io.lockctl.core.replication.UnlockChallenges}): drawn
 * once, when the store is first opened, and kept in the database, so a challenge issued before a
 * restart still verifies after it, and a copy of the data directory carries it along; every process
 * on a shared database uses the same one.
 */
final class ChallengeSecretTable {
  static final int SECRET_BYTES = 32;

  private ChallengeSecretTable() {}

  /**
   * The stored secret, drawn from {@link SecureRandom} and stored first if there is none. Several
   * processes may open one database at once: the first insert wins, and every one reads the
   * winner's.
   */
  static byte[] readOrCreate(Connection connection) throws SQLException {
    byte[] stored = read(connection);
    if (stored != null) {
      return stored;
    }
    byte[] secret = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO unlock_challenge_secret (id, secret) VALUES (1, ?)"
                + " ON CONFLICT (id) DO NOTHING")) {
      insert.setBytes(1, secret);
      insert.executeUpdate();
    }
    return read(connection);
  }

  private static byte[] read(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement("SELECT secret FROM unlock_challenge_secret WHERE id = 1");
        ResultSet row = select.executeQuery()) {
      return row.next() ? row.getBytes(1) : null;
    }
  }
}
