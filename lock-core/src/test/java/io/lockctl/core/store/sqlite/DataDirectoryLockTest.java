package io.lockctl.core.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.transaction.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryLockTest {
  @TempDir Path dir;

  private SqliteStore open() {
    return SqliteStore.open(dir, new ComplianceClock(Clock.systemUTC()));
  }

  @Test
  void aSecondStoreOnAnOpenDirectoryIsRefusedUntilTheFirstCloses() {
    SqliteStore first = open();
    StorageException refused = assertThrows(StorageException.class, this::open);
    assertEquals(
        "the data directory "
            + dir
            + " is in use by another lockctl server (it holds lockctl.lock)",
        refused.getMessage());

    assertEquals(1, (int) first.write(tx -> 1).join()); // the refusal left the first one working
    first.close();
    // The lock file stays behind; it holds nothing once its holder has closed.
    assertTrue(Files.exists(dir.resolve(DataDirectoryLock.FILE_NAME)));
    open().close();
  }
}
