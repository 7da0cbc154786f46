package io.lockctl.core.store.jdbc;

import io.lockctl.core.store.SecretRepository;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Table {@code server_secret}: secrets by name, drawn once and kept with the data. */
final class JdbcSecretRepository implements SecretRepository {
  private static final String SELECT_BY_NAME = "SELECT secret FROM server_secret WHERE name = ?";

  /** Another process may have stored the name's secret meanwhile: then its stays. */
  private static final String INSERT_IF_ABSENT =
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
      byte[] stored = select(name);
      if (stored != null) {
        return stored;
      }
      byte[] secret = new byte[length];
      new SecureRandom().nextBytes(secret);
      insertIfAbsent(name, secret);
      return select(name);
    } catch (SQLException e) {
      throw SqlFailures.of("reading or storing the server secret " + name, e);
    }
  }

  @Override
  public Optional<byte[]> find(String name) {
    try {
      return Optional.ofNullable(select(name));
    } catch (SQLException e) {
      throw SqlFailures.of("reading the server secret " + name, e);
    }
  }

  /** The stored secret, or null if there is none. */
  private byte[] select(String name) throws SQLException {
    PreparedStatement select = connection.prepare(SELECT_BY_NAME);
    select.setString(1, name);
    try (ResultSet row = select.executeQuery()) {
      return row.next() ? row.getBytes(1) : null;
    }
  }

  private void insertIfAbsent(String name, byte[] secret) throws SQLException {
    PreparedStatement insert = connection.prepare(INSERT_IF_ABSENT);
    insert.setString(1, name);
    insert.setBytes(2, secret);
    insert.executeUpdate();
  }
}
