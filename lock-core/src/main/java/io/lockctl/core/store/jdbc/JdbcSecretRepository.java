package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.SecretRepository;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Table {@code server_secret}: secrets by name, drawn once and kept with the data. */
final class JdbcSecretRepository implements SecretRepository {
  private static final String SELECT = "SELECT secret FROM server_secret WHERE name = ?";
  private static final String INSERT =
      "INSERT INTO server_secret (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING";

  private final CachingConnection connection;

  JdbcSecretRepository(CachingConnection connection) {
    this.connection = connection;
  }

  /**
   * Several processes may share one database: the first insert wins, and every one reads the
   * winner's.
   */
  @Override
  public byte[] getOrCreate(String name, int length) {
    try {
      byte[] stored = read(name);
      if (stored != null) {
        return stored;
      }
      byte[] secret = new byte[length];
      new SecureRandom().nextBytes(secret);
      PreparedStatement insert = connection.prepare(INSERT);
      insert.setString(1, name);
      insert.setBytes(2, secret);
      insert.executeUpdate();
      return read(name);
    } catch (SQLException e) {
      throw SqlFailures.of("reading or storing the server secret " + name, e);
    }
  }

  private byte[] read(String name) throws SQLException {
    PreparedStatement select = connection.prepare(SELECT);
    select.setString(1, name);
    try (ResultSet row = select.executeQuery()) {
      return row.next() ? row.getBytes(1) : null;
    }
  }
}
