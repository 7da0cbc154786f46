package io.lockctl.core.store.jdbc;

import io.lockctl.core.lockkey.KeyLockedSnapshot;
import io.lockctl.core.lockkey.KeyLockedSnapshots;
import io.lockctl.core.snapshot.LockMode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots a key locks, read from the {@code snapshot} table through the partial index {@code
 * snapshot_by_lock_key}. Active is the SQL twin of {@code SnapshotLock.isActiveAt}: a pending
 * days-based lock (no expire time yet) counts. A snapshot in the recycle bin never has an active
 * lock (deleting one is refused), so no recycle-bin condition is needed.
 */
final class JdbcKeyLockedSnapshotRepository implements KeyLockedSnapshots {
  /** The snapshots the bound key locks, active at the bound instant. */
  private static final String ACTIVE_WITH_KEY =
      " FROM snapshot WHERE lock_mode = '"
          + LockMode.KEY.name()
          + "' AND lock_key_id = ?"
          + " AND (lock_expire_time IS NULL OR lock_expire_time > ?)";

  private static final String COUNT_ACTIVE = "SELECT count(*)" + ACTIVE_WITH_KEY;

  private static final String SELECT_ACTIVE =
      "SELECT region_id, snapshot_id, lock_expire_time" + ACTIVE_WITH_KEY;

  private static final String ORDER_BY_KEY_LIMIT = " ORDER BY region_id, snapshot_id LIMIT ?";

  private static final String SELECT_FIRST_PAGE = SELECT_ACTIVE + ORDER_BY_KEY_LIMIT;

  /** A later page: after the bound (region, snapshot id). */
  private static final String SELECT_PAGE_AFTER =
      SELECT_ACTIVE + " AND (region_id, snapshot_id) > (?, ?)" + ORDER_BY_KEY_LIMIT;

  private final CachingConnection connection;

  JdbcKeyLockedSnapshotRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public long countActive(String keyId, Instant now) {
    try {
      PreparedStatement count = connection.prepare(COUNT_ACTIVE);
      count.setString(1, keyId);
      count.setLong(2, now.toEpochMilli());
      try (ResultSet row = count.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    } catch (SQLException e) {
      throw SqlFailures.of("counting the snapshots of lock key " + keyId, e);
    }
  }

  @Override
  public List<KeyLockedSnapshot> listActive(
      String keyId, Instant now, String afterRegionId, String afterSnapshotId, int limit) {
    try {
      PreparedStatement select =
          connection.prepare(afterRegionId == null ? SELECT_FIRST_PAGE : SELECT_PAGE_AFTER);
      int next = 1;
      select.setString(next++, keyId);
      select.setLong(next++, now.toEpochMilli());
      if (afterRegionId != null) {
        select.setString(next++, afterRegionId);
        select.setString(next++, afterSnapshotId);
      }
      select.setInt(next, limit);
      List<KeyLockedSnapshot> snapshots = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long expire = rows.getLong("lock_expire_time");
          Instant lockExpireTime = rows.wasNull() ? null : Instant.ofEpochMilli(expire);
          snapshots.add(
              new KeyLockedSnapshot(
                  rows.getString("region_id"), rows.getString("snapshot_id"), lockExpireTime));
        }
      }
      return snapshots;
    } catch (SQLException e) {
      throw SqlFailures.of("listing the snapshots of lock key " + keyId, e);
    }
  }
}
