package io.lockctl.core.store.jdbc;

import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import java.sql.SQLException;
import org.sqlite.SQLiteException;

/**
 * The one mapping of a failed SQL statement to what the rest of lockctl sees. Every {@link
 * SQLException} that the stores over SQL (and their SQLite and PostgreSQL dialects) report to a
 * caller passes through here, so that telling failures apart (a full disk, a lost connection, a
 * corrupt file) is a change to this class alone. The catches that recover instead of reporting
 * (closing quietly, replacing a stale reader connection, rolling back a broken batch) do not.
 */
public final class SqlFailures {
  // SQLite's primary result codes (the low byte of an extended one)
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_NOMEM = 7;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_IOERR = 10;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_CANTOPEN = 14;
  private static final int SQLITE_NOTADB = 26;

  // extended codes of a failed fsync: the data may be written, only not known to be durable
  private static final int SQLITE_IOERR_FSYNC = 1034;
  private static final int SQLITE_IOERR_DIR_FSYNC = 1290;

  private SqlFailures() {}

  /**
   * {@code what} failed with {@code cause}: the store failed, which is never the caller's fault.
   */
  public static StorageException of(String what, SQLException cause) {
    return new StorageException(faultOf(cause), what + " failed", cause);
  }

  /** As {@link #of(String, SQLException)}, adding what the failure means for the caller's data. */
  public static StorageException of(String what, SQLException cause, String consequence) {
    return new StorageException(faultOf(cause), what + " failed; " + consequence, cause);
  }

  /** What {@code failure} means for the statement that met it, which did not take effect. */
  static StorageFault faultOf(SQLException failure) {
    if (failure instanceof SQLiteException sqlite) {
      return sqliteFault(sqlite.getResultCode().code & 0xff);
    }
    String state = failure.getSQLState();
    return state == null ? StorageFault.FAILED : postgresFault(state);
  }

  /**
   * What a failed write means, given whether the disk under the database is nearly full now (see
   * {@link DiskSpace}): SQLite reports some writes that failed for room as I/O errors, which are
   * then {@link StorageFault#STORAGE_FULL}; a failed fsync is not (whatever it wrote may still be
   * there), nor is any I/O error while there is room.
   */
  public static StorageFault writeFault(SQLException failure, boolean diskNearlyFull) {
    StorageFault fault = faultOf(failure);
    if (diskNearlyFull
        && failure instanceof SQLiteException sqlite
        && (sqlite.getResultCode().code & 0xff) == SQLITE_IOERR
        && sqlite.getResultCode().code != SQLITE_IOERR_FSYNC
        && sqlite.getResultCode().code != SQLITE_IOERR_DIR_FSYNC) {
      return StorageFault.STORAGE_FULL;
    }
    return fault;
  }

  private static StorageFault sqliteFault(int primaryCode) {
    return switch (primaryCode) {
      case SQLITE_FULL -> StorageFault.STORAGE_FULL;
      case SQLITE_CORRUPT, SQLITE_NOTADB -> StorageFault.DAMAGED;
      case SQLITE_BUSY,
          SQLITE_LOCKED,
          SQLITE_NOMEM,
          SQLITE_READONLY,
          SQLITE_IOERR,
          SQLITE_CANTOPEN ->
          StorageFault.UNAVAILABLE;
      default -> StorageFault.FAILED;
    };
  }

  /** By SQLSTATE: PostgreSQL's error classes, as its manual's appendix A lists them. */
  private static StorageFault postgresFault(String state) {
    if (state.equals("53100")) { // disk_full
      return StorageFault.STORAGE_FULL;
    }
    if (state.equals("XX001") || state.equals("XX002")) { // data_corrupted, index_corrupted
      return StorageFault.DAMAGED;
    }
    if (state.startsWith("08") // connection exception
        || state.startsWith("53") // insufficient resources
        || state.startsWith("57P") // operator intervention: shutdown, cannot connect now
        || state.equals("40001") // serialization_failure
        || state.equals("40P01") // deadlock_detected
        || state.equals("55P03")) { // lock_not_available
      return StorageFault.UNAVAILABLE;
    }
    return StorageFault.FAILED;
  }
}
