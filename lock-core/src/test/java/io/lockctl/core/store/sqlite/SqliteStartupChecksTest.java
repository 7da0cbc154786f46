package io.lockctl.core.store.sqlite;

import static io.lockctl.core.store.StoreFixture.REGION;
import static io.lockctl.core.store.StoreFixture.START;
import static io.lockctl.core.store.StoreFixture.id;
import static io.lockctl.core.store.StoreFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.audit.AuditLog;
import io.lockctl.core.audit.MutationRecord;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.store.StoreHealth;
import io.lockctl.core.store.jdbc.ReadModelOptions;
import io.lockctl.core.testing.AuditRecords;
import io.lockctl.core.testing.CapturedLog;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded store refuses, at start, a database that is damaged, missing, emptied, replaced or
 * behind what it acknowledged, saying how many acknowledged writes are missing; accepting the loss
 * starts it anyway and logs it. A read that meets a damaged page is DAMAGED, and so is everything
 * after it.
 */
class SqliteStartupChecksTest {
  @TempDir Path dataDir;
  @TempDir Path otherDir;

  private final AuditLog audit = new AuditLog();
  private final CapturedLog storeLog = CapturedLog.of(SqliteStore.class);
  private final CapturedLog healthLog = CapturedLog.of(StoreHealth.class);

  @AfterEach
  void quiet() {
    storeLog.close();
    healthLog.close();
  }

  @Test
  void aStoreReopensWithAllItsWrites() {
    writeAcknowledged(dataDir, 1, 5);
    try (SqliteStore store = open(dataDir, false)) {
      assertEquals(5L, (long) store.read(tx -> tx.auditLog().head().size()));
    }
  }

  @Test
  void aDeletedDatabaseIsRefusedWithEveryWriteMissing() throws IOException {
    writeAcknowledged(dataDir, 1, 5);
    deleteDatabase(dataDir);

    StorageException refused = assertRefused(dataDir);
    assertTrue(refused.getMessage().contains("missing or empty"), refused.getMessage());
    assertTrue(refused.getMessage().contains("all 5 are missing"), refused.getMessage());
    assertTrue(Files.notExists(dataDir.resolve(SqliteDatabase.FILE_NAME)), "refused, not created");
  }

  @Test
  void anEmptiedDatabaseIsRefused() throws IOException {
    writeAcknowledged(dataDir, 1, 5);
    Files.write(dataDir.resolve(SqliteDatabase.FILE_NAME), new byte[0]);

    assertTrue(assertRefused(dataDir).getMessage().contains("all 5 are missing"));
  }

  @Test
  void anOlderCopyIsRefusedWithTheNumberOfWritesItLacks() throws IOException {
    writeAcknowledged(dataDir, 1, 3);
    copyDatabase(dataDir, otherDir);
    writeAcknowledged(dataDir, 4, 7);
    copyDatabase(otherDir, dataDir);

    StorageException refused = assertRefused(dataDir);
    assertTrue(
        refused.getMessage().contains("holds 3 of the 7")
            && refused.getMessage().contains("4 acknowledged writes are missing"),
        refused.getMessage());
  }

  @Test
  void aDatabaseThatLostItsWalFramesIsRefused() throws IOException {
    writeAcknowledged(dataDir, 1, 4);
    // the last commits are in the WAL still: the main file alone lacks them
    Files.delete(dataDir.resolve(SqliteDatabase.FILE_NAME + "-wal"));
    Files.deleteIfExists(dataDir.resolve(SqliteDatabase.FILE_NAME + "-shm"));

    assertTrue(assertRefused(dataDir).getMessage().contains("acknowledged writes are missing"));
  }

  @Test
  void anotherStoresDatabaseIsRefused() throws IOException {
    writeAcknowledged(dataDir, 1, 2);
    writeAcknowledged(otherDir, 1, 9);
    copyDatabase(otherDir, dataDir);

    StorageException refused = assertRefused(dataDir);
    assertTrue(refused.getMessage().contains("another store's"), refused.getMessage());
  }

  @Test
  void acceptingTheLossStartsOnWhatIsLeftLogsItAndChecksFromThere() throws IOException {
    writeAcknowledged(dataDir, 1, 5);
    deleteDatabase(dataDir);

    try (SqliteStore store = open(dataDir, true)) {
      assertEquals(0L, (long) store.read(tx -> tx.auditLog().head().size()));
      writeAcknowledged(store, 1);
    }
    assertTrue(
        storeLog.messages(Level.SEVERE).stream().anyMatch(m -> m.contains("all 5 are missing")),
        () -> storeLog.messages(Level.SEVERE).toString());
    // the loss was accepted once: the store now starts on its own position
    try (SqliteStore store = open(dataDir, false)) {
      assertEquals(1L, (long) store.read(tx -> tx.auditLog().head().size()));
    }
  }

  @Test
  void garbageInTheMiddleOfTheFileFailsQuickCheckEvenWhenLossIsAccepted() throws IOException {
    writeAcknowledged(dataDir, 1, 300);
    Path file = dataDir.resolve(SqliteDatabase.FILE_NAME);
    overwriteMiddle(file);

    StorageException refused =
        assertThrows(StorageException.class, () -> open(dataDir, true).close());
    assertEquals(StorageFault.DAMAGED, refused.fault());
    assertTrue(refused.getMessage().contains("quick_check"), refused.getMessage());
  }

  @Test
  void aCheckLeftToTheBackgroundThatFindsDamageStopsTheStoreServing() throws Exception {
    writeAcknowledged(dataDir, 1, 300);
    // pages that nothing reads while the store opens (its read model is off): only the check does
    overwriteLeafPage(dataDir.resolve(SqliteDatabase.FILE_NAME), "snapshot");
    CountDownLatch damaged = new CountDownLatch(1);

    try (SqliteStore store = openWithTheCheckInTheBackground(dataDir)) {
      store
          .health()
          .onChange(
              condition -> {
                if (condition == StoreHealth.Condition.DAMAGED) {
                  damaged.countDown();
                }
              });

      assertTrue(damaged.await(30, TimeUnit.SECONDS), "the check never found the damage");
      assertTrue(
          healthLog.messages(Level.SEVERE).get(0).contains("quick_check"),
          healthLog.messages(Level.SEVERE).toString());
      StorageException after =
          assertThrows(StorageException.class, () -> store.read(tx -> tx.auditLog().head()));
      assertEquals(StorageFault.DAMAGED, after.fault());
    }
  }

  @Test
  void aStoreWhoseCheckIsLeftToTheBackgroundServesAndClosesWhileItRuns() {
    writeAcknowledged(dataDir, 1, 300);
    try (SqliteStore store = openWithTheCheckInTheBackground(dataDir)) {
      writeAcknowledged(store, 301);
      assertEquals(StoreHealth.Condition.SERVING, store.health().condition());
      assertEquals(301L, (long) store.read(tx -> tx.auditLog().head().size()));
    }
  }

  @Test
  void aTruncatedFileIsRefused() throws IOException {
    writeAcknowledged(dataDir, 1, 300);
    Path file = dataDir.resolve(SqliteDatabase.FILE_NAME);
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      raw.setLength(raw.length() / 2);
    }

    StorageException refused = assertThrows(StorageException.class, () -> open(dataDir, true));
    assertEquals(StorageFault.DAMAGED, refused.fault());
  }

  @Test
  void aReadThatMeetsADamagedPageIsDamagedAndSoIsEverythingAfter() throws IOException {
    writeAcknowledged(dataDir, 1, 300);
    // SQL reads meet the page; the read model, loaded before the damage, would not read it
    try (SqliteStore store =
        SqliteStore.open(
            dataDir, new ComplianceClock(new SettableClock(START)), false, ReadModelOptions.OFF)) {
      overwriteMiddle(dataDir.resolve(SqliteDatabase.FILE_NAME));

      StorageException failed =
          assertThrows(
              StorageException.class,
              () -> {
                for (int n = 1; n <= 300; n++) {
                  String snapshotId = id(n);
                  store.read(tx -> tx.snapshots().find(REGION, snapshotId));
                }
              });
      assertEquals(StorageFault.DAMAGED, failed.fault());
      assertEquals(StoreHealth.Condition.DAMAGED, store.health().condition());
      StorageException after =
          assertThrows(StorageException.class, () -> store.read(tx -> tx.auditLog().head()));
      assertEquals(StorageFault.DAMAGED, after.fault());
      CompletionException write =
          assertThrows(CompletionException.class, () -> store.write(tx -> null).join());
      assertEquals(
          StorageFault.DAMAGED, assertInstanceOf(StorageException.class, write.getCause()).fault());
    }
  }

  private StorageException assertRefused(Path dir) {
    StorageException refused = assertThrows(StorageException.class, () -> open(dir, false).close());
    assertEquals(StorageFault.DAMAGED, refused.fault());
    assertTrue(refused.getMessage().contains("--accept-store-loss"), refused.getMessage());
    return refused;
  }

  /** Opens without waiting for the integrity check, and without a read model. */
  private static SqliteStore openWithTheCheckInTheBackground(Path dir) {
    return SqliteStore.open(
        dir,
        new ComplianceClock(new SettableClock(START)),
        false,
        ReadModelOptions.OFF,
        Duration.ZERO);
  }

  private static SqliteStore open(Path dir, boolean acceptStoreLoss) {
    return SqliteStore.open(dir, new ComplianceClock(new SettableClock(START)), acceptStoreLoss);
  }

  /** Writes snapshots {@code first} to {@code last}, each with its audit record, and closes. */
  private void writeAcknowledged(Path dir, int first, int last) {
    try (SqliteStore store = open(dir, false)) {
      for (int n = first; n <= last; n++) {
        writeAcknowledged(store, n);
      }
    }
  }

  private void writeAcknowledged(SqliteStore store, int n) {
    MutationRecord record =
        AuditRecords.accepted("tester", "lockctl:RegisterSnapshot", "snapshot/" + id(n));
    store
        .write(
            tx -> {
              tx.snapshots().insert(snapshot(id(n)));
              audit.append(tx, record);
              return null;
            })
        .join();
  }

  /** The database file and its WAL, as a backup of a WAL database takes them. */
  private static void copyDatabase(Path from, Path to) throws IOException {
    deleteDatabase(to);
    for (String suffix : new String[] {"", "-wal"}) {
      Path file = from.resolve(SqliteDatabase.FILE_NAME + suffix);
      if (Files.exists(file)) {
        Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static void deleteDatabase(Path dir) throws IOException {
    for (String suffix : new String[] {"", "-wal", "-shm"}) {
      Files.deleteIfExists(dir.resolve(SqliteDatabase.FILE_NAME + suffix));
    }
  }

  /** Overwrites, with 0xFF, the middle one of the b-tree leaf pages that hold {@code table}. */
  private static void overwriteLeafPage(Path file, String table) throws Exception {
    List<Integer> pages = new ArrayList<>();
    int pageSize;
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT pageno FROM dbstat WHERE name = '" + table + "' AND pagetype = 'leaf'")) {
        while (rows.next()) {
          pages.add(rows.getInt(1));
        }
      }
      try (ResultSet row = statement.executeQuery("PRAGMA page_size")) {
        row.next();
        pageSize = row.getInt(1);
      }
    }
    assertTrue(pages.size() > 1, "the table fits in one page: " + pages);
    byte[] garbage = new byte[pageSize];
    Arrays.fill(garbage, (byte) 0xFF);
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      raw.seek((long) (pages.get(pages.size() / 2) - 1) * pageSize);
      raw.write(garbage);
      raw.getFD().sync();
    }
  }

  /** 64 KiB of 0xFF from the middle of the file on: whole pages, headers included. */
  private static void overwriteMiddle(Path file) throws IOException {
    try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
      long middle = (raw.length() / 2) & ~4095L;
      byte[] garbage = new byte[(int) Math.min(64 << 10, raw.length() - middle)];
      Arrays.fill(garbage, (byte) 0xFF);
      raw.seek(middle);
      raw.write(garbage);
      raw.getFD().sync();
    }
  }
}
