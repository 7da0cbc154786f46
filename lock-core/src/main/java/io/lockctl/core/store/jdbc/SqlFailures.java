package io.lockctl.core.store.jdbc;

import io.lockctl.core.transaction.StorageException;
import java.sql.SQLException;

/**
 * The one mapping of a failed SQL statement to what the rest of lockctl sees. Every {@link
 * SQLException} that the stores over SQL (and their SQLite and PostgreSQL dialects) report to a
 * caller passes through here, so that telling failures apart (a full disk, a lost connection, a
 * corrupt file) is a change to this class alone. The catches that recover instead of reporting
 * (closing quietly, replacing a stale reader connection, rolling back a broken batch) do not.
 */
public final class SqlFailures {

  private SqlFailures() {}

  /**
   * {@code what} failed with {@code cause}: the store failed, which is never the caller's fault.
   */
  public static StorageException of(String what, SQLException cause) {
    return new StorageException(what + " failed", cause);
  }

  /** As {@link #of(String, SQLException)}, adding what the failure means for the caller's data. */
  public static StorageException of(String what, SQLException cause, String consequence) {
    return new StorageException(what + " failed; " + consequence, cause);
  }
}
