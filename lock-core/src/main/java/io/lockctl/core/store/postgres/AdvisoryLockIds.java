package io.lockctl.core.store.postgres;

import io.lockctl.core.store.jdbc.CachingConnection;
import io.lockctl.core.transaction.WriteScope;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The ids of the advisory locks that order write batches (see {@link PostgresDatabase#beginWrite}).
 * Advisory locks are shared by every schema of a database, so each id hashes the database's and the
 * schema's names with the key: lockctl deployments in two schemas do not wait for each other. Two
 * keys may share an id; that only makes their writes wait for each other.
 */
final class AdvisoryLockIds {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private final String namespace;

  private AdvisoryLockIds(String namespace) {
    this.namespace = namespace;
  }

  /**
   * Named after the connection's database and schema as the server reports them, so replicas whose
   * URLs spell the same database differently take the same locks.
   */
  static AdvisoryLockIds of(CachingConnection connection) throws SQLException {
    try (ResultSet row =
        connection.prepare("SELECT current_database(), current_schema()").executeQuery()) {
      row.next();
      return new AdvisoryLockIds(row.getString(1) + '\0' + row.getString(2) + '\0');
    }
  }

  /** The lock every batch takes: shared with a scope, exclusive without. */
  long allWrites() {
    return hash(namespace + "all writes");
  }

  /** The locks of the scope's keys, distinct and ascending: the order every process takes them. */
  Long[] of(WriteScope scope) {
    return scope.keys().stream()
        .map(key -> hash(namespace + "key\0" + key))
        .distinct()
        .sorted()
        .toArray(Long[]::new);
  }

  /** 64-bit FNV-1a of the UTF-8 bytes: cheap, and spread well enough for lock ids. */
  private static long hash(String text) {
    long hash = FNV_OFFSET;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * FNV_PRIME;
    }
    return hash;
  }
}
