package io.lockctl.core.store.jdbc;

/** A PostgreSQL schema's history, before and after V2's comment was reworded. */
class PostgresRewordedMigrationsTest extends RewordedMigrationsContract {
  @Override
  JdbcFixture newFixture() {
    return new PostgresFixture();
  }

  @Override
  int firstReleasedV2Checksum() {
    return -768349421;
  }

  @Override
  int currentV2Checksum() {
    return 1459639006;
  }
}
