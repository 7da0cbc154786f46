package io.lockctl.core.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockctl.core.transaction.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database migrated by a release whose V2 carried an earlier comment still opens after the
 * rewording, while a V2 whose statements changed is still refused.
 */
abstract class RewordedMigrationsContract {
  private JdbcFixture fixture;

  abstract JdbcFixture newFixture();

  /** Flyway's checksum of V2 as it first shipped. */
  abstract int firstReleasedV2Checksum();

  /** Flyway's checksum of V2 as it is now. */
  abstract int currentV2Checksum();

  @BeforeEach
  void migrate() {
    fixture = newFixture();
  }

  @AfterEach
  void drop() throws Exception {
    fixture.close();
  }

  @Test
  void aFreshDatabaseRecordsTheCurrentChecksum() throws SQLException {
    assertEquals(currentV2Checksum(), v2Checksum());
  }

  @Test
  void aDatabaseMigratedWithTheEarlierWordingOpensAndIsMovedToTheCurrentOne() throws SQLException {
    fixture.store().close();
    setV2Checksum(firstReleasedV2Checksum());

    fixture.reopen();

    assertEquals(currentV2Checksum(), v2Checksum());
  }

  @Test
  void anyOtherChecksumIsStillRefused() throws SQLException {
    fixture.store().close();
    setV2Checksum(firstReleasedV2Checksum() + 1);

    assertThrows(StorageException.class, fixture::reopen);
    assertEquals(firstReleasedV2Checksum() + 1, v2Checksum());
  }

  private int v2Checksum() throws SQLException {
    try (Connection connection = fixture.connectDirectly();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT checksum FROM flyway_schema_history WHERE version = '2'");
        ResultSet row = select.executeQuery()) {
      row.next();
      return row.getInt(1);
    }
  }

  private void setV2Checksum(int checksum) throws SQLException {
    try (Connection connection = fixture.connectDirectly();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE flyway_schema_history SET checksum = ? WHERE version = '2'")) {
      update.setInt(1, checksum);
      assertEquals(1, update.executeUpdate());
    }
  }
}
