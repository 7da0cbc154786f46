package io.lockctl.server.testing;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.Store;
import io.lockctl.core.store.postgres.PostgresStore;
import io.lockctl.core.store.sqlite.SqliteStore;
import io.lockctl.server.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The store the service tests run on: the embedded one by default, PostgreSQL when the system
 * property {@code lockctl.test.store} is {@code postgres} (lock-server's pom runs the service suite
 * a second time so). A test's data dir names its store either way, so reopening the same dir finds
 * the same data.
 */
public final class TestStores {
  public static final String PROPERTY = "lockctl.test.store";

  private TestStores() {}

  public static Store open(Path dataDir, ComplianceClock clock) {
    return onPostgres()
        ? PostgresStore.open(TestPostgres.urlFor(dataDir), clock)
        : SqliteStore.open(dataDir, clock);
  }

  /** A configuration for the production wiring, on the store under test. */
  public static ServerConfig productionConfig(String host, Path dataDir, Duration shutdownGrace) {
    return new ServerConfig(
        host, 0, dataDir, shutdownGrace, onPostgres() ? TestPostgres.urlFor(dataDir) : null);
  }

  private static boolean onPostgres() {
    String kind = System.getProperty(PROPERTY, "sqlite");
    return switch (kind) {
      case "sqlite" -> false;
      case "postgres" -> true;
      default ->
          throw new IllegalArgumentException(PROPERTY + " must be sqlite or postgres: " + kind);
    };
  }
}
