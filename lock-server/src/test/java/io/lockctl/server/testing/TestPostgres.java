package io.lockctl.server.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Schemas of the test PostgreSQL database, one per test data dir, so that runs never collide; all
 * are dropped when the JVM exits. The database is {@code LOCKCTL_TEST_POSTGRES_URL} if set, else
 * the CI machine's: 127.0.0.1:5432, database {@code test}, trust authentication.
 */
public final class TestPostgres {
  static final String DATABASE_URL =
      System.getenv()
          .getOrDefault("LOCKCTL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");

  /** Keeps two JVMs (two CI runs, say) apart even if their temp dirs ever had the same name. */
  private static final String RUN = randomHex(4);

  private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::dropAll, "drop-test-schemas"));
  }

  private TestPostgres() {}

  /** The URL of the schema for {@code dataDir}; the store creates the schema when it migrates. */
  public static String urlFor(Path dataDir) {
    String schema = "lockctl_test_" + RUN + "_" + digest(dataDir.toAbsolutePath().toString());
    CREATED.add(schema);
    return urlOf(schema);
  }

  /** The URL of a new schema of its own, e.g. for several servers that must share one. */
  public static String newSchemaUrl() {
    String schema = "lockctl_test_" + RUN + "_" + randomHex(6);
    CREATED.add(schema);
    return urlOf(schema);
  }

  private static String urlOf(String schema) {
    return DATABASE_URL + (DATABASE_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  private static String randomHex(int bytes) {
    byte[] random = new byte[bytes];
    new SecureRandom().nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void dropAll() {
    if (CREATED.isEmpty()) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(DATABASE_URL);
        Statement statement = connection.createStatement()) {
      for (String schema : CREATED) {
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    } catch (SQLException e) {
      Logger.getLogger(TestPostgres.class.getName())
          .log(Level.WARNING, "dropping the test schemas failed", e);
    }
  }
}
