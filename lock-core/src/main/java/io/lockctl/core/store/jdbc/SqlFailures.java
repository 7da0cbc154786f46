package io.lockctl.core.store.jdbc;

import io.lockctl.core.transaction.StorageException;
import java.sql.SQLException;

/** The one mapping of a failed SQL statement to what the rest of lockctl sees. */
final class SqlFailures {

  private SqlFailures() {}

  /**
   * {@code what} failed with {@code cause}: the store failed, which is never the caller's fault.
   */
  static StorageException of(String what, SQLException cause) {
    return new StorageException(what + " failed", cause);
  }
}
