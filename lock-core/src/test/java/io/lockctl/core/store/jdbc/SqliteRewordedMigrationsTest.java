package io.lockctl.core.store.jdbc;

/** The embedded store's SQLite history, before and after V2's comment was reworded. */
class SqliteRewordedMigrationsTest extends RewordedMigrationsContract {
  @Override
  JdbcFixture newFixture() {
    return new SqliteFixture();
  }

  @Override
  int firstReleasedV2Checksum() {
    return 280990383;
  }

  @Override
  int currentV2Checksum() {
    return 2109148937;
  }
}
