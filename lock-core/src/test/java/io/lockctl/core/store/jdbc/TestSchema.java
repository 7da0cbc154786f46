package io.lockctl.core.store.jdbc;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * A schema of its own in the test PostgreSQL database, so that test runs never collide. The
 * database is {@code LOCKCTL_TEST_POSTGRES_URL} if set, else the CI machine's: 127.0.0.1:5432,
 * database {@code test}, trust authentication, the OS user. The store creates the schema (Flyway
 * does).
 */
public record TestSchema(String name) {
  static final String DATABASE_URL =
      System.getenv()
          .getOrDefault("LOCKCTL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

  public static TestSchema create() {
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    return new TestSchema("lockctl_test_" + HexFormat.of().formatHex(random));
  }

  public String url() {
    // Sessions are named after the schema, so a test can find its own in pg_stat_activity.
    return DATABASE_URL
        + (DATABASE_URL.contains("?") ? "&" : "?")
        + "currentSchema="
        + name
        + "&ApplicationName="
        + name;
  }

  public void drop() throws SQLException {
    try (Connection connection = DriverManager.getConnection(DATABASE_URL);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }
}
