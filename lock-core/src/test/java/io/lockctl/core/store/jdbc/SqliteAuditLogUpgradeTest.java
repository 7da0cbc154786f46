package io.lockctl.core.store.jdbc;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.sqlite.SQLiteDataSource;

/** A SQLite data directory written before V10, opened by this release. */
class SqliteAuditLogUpgradeTest extends AuditLogUpgradeContract {
  private final Path dir;

  SqliteAuditLogUpgradeTest() throws Exception {
    dir = Files.createTempDirectory("lockctl-audit-upgrade");
  }

  private String url() {
    return "jdbc:sqlite:" + dir.resolve("lockctl.db");
  }

  @Override
  FluentConfiguration flyway() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl(url());
    return flyway(dataSource, "classpath:db/migration/sqlite");
  }

  @Override
  Connection connectDirectly() throws SQLException {
    return DriverManager.getConnection(url());
  }

  @Override
  JdbcStore openStore(ComplianceClock clock) {
    return SqliteStore.open(dir, clock);
  }

  @Override
  void drop() throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
