package io.lockctl.core.store.jdbc;

import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotQuery;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every snapshot of the embedded store, with its lock and tags, in memory: what reads of snapshots
 * are answered from once it is loaded. The SQL tables stay the durable truth; this is a copy the
 * single writer keeps exact.
 *
 * <p>It changes only after a batch commits, before any caller of the batch is answered, by the
 * batch's changes ({@link Changes}) as a whole under a write stamp; a batch that fails changes
 * nothing. Readers take no lock: a read transaction notes an optimistic stamp when it starts and
 * checks it after each answer ({@link #validate}), so what it saw is one committed state or it
 * starts again.
 *
 * <p>It starts empty and not ready. A background load reads every row in one SQL read transaction;
 * batches that commit meanwhile are kept ({@link #committed}) and replayed on the loaded rows in
 * commit order. Replaying a batch whose effect the load already saw changes nothing (each change
 * sets a row to the value it had after that batch), so the load needs no coordination with the
 * writer beyond that list. The last replay and the switch to ready happen under the same monitor
 * the writer records batches under, so no batch is lost between them.
 */
final class SnapshotReadModel {
  private static final Logger LOG = Logger.getLogger(SnapshotReadModel.class.getName());

  /**
   * The order of {@code snapshot_id} in SQLite (BINARY collation: UTF-8 bytes), which is code point
   * order; {@link String#compareTo} differs from it only for characters beyond U+FFFF.
   */
  static final Comparator<String> SQL_ORDER = SnapshotReadModel::compareCodePoints;

  /**
   * Every row, in primary-key order, its strings that may hold anything in columns of their own and
   * everything else in one text: reading a column through the driver is a native call, and a row
   * has twenty. SQLite spells integers exactly; an absent value is an empty field.
   */
  private static final String SELECT_ROWS =
      "SELECT region_id, snapshot_id, managed_by, created_by_policy, lock_key_id, "
          + String.join(
              " || ',' || ",
              List.of(
                  "status",
                  "retention_days",
                  "shared",
                  "create_time",
                  "state",
                  "ifnull(retain_until, '')",
                  "ifnull(expire_time, '')",
                  "ifnull(lock_mode, '')",
                  "ifnull(lock_creation_time, '')",
                  "ifnull(lock_cool_off_hours, '')",
                  "ifnull(lock_term_kind, '')",
                  "ifnull(lock_term_value, '')",
                  "ifnull(lock_duration_start_time, '')",
                  "ifnull(lock_version, '')"))
          + " FROM snapshot ORDER BY region_id, snapshot_id";

  private static final String SELECT_TAGS =
      "SELECT region_id, snapshot_id, tag_key, tag_value FROM snapshot_tag"
          + " ORDER BY region_id, snapshot_id";

  private final StampedLock stamps = new StampedLock();

  /** Null until loaded; then changed only under a write stamp. */
  private volatile Map<String, Region> regions;

  private volatile boolean disabled;

  /** Batches committed while loading, in commit order; null once ready. Guarded by this. */
  private List<Changes> pending = new ArrayList<>();

  private final Runnable afterLoadHook;

  SnapshotReadModel(Runnable afterLoadHook) {
    this.afterLoadHook = afterLoadHook;
  }

  /** Whether reads may be answered from memory now. */
  boolean ready() {
    return regions != null && !disabled;
  }

  /** A stamp to {@link #validate} later, or 0 if the writer is changing the model right now. */
  long beginRead() {
    return stamps.tryOptimisticRead();
  }

  /** Whether the model did not change since {@code stamp} was taken. */
  boolean validate(long stamp) {
    return stamp != 0 && stamps.validate(stamp);
  }

  // ---- reads; every answer must be validated against the reader's stamp before it is used ----

  Optional<Snapshot> find(String regionId, String snapshotId) {
    Region region = regions.get(regionId);
    if (region == null) {
      return Optional.empty();
    }
    SnapshotRow row = region.byId.get(snapshotId);
    return row == null ? Optional.empty() : Optional.of(row.toSnapshot(regionId, snapshotId));
  }

  /** Whether {@link #list} can answer {@code query}: filters by tag are left to SQL's index. */
  static boolean answers(SnapshotQuery query) {
    return query.tagKey() == null;
  }

  List<Snapshot> list(SnapshotQuery query) {
    return select(query, (id, row) -> row.toSnapshot(query.regionId(), id));
  }

  List<LockedSnapshot> listLocks(SnapshotQuery query) {
    if (query.lock() == SnapshotQuery.LockFilter.ANY) {
      throw new IllegalArgumentException("a listing of locks must leave out unlocked snapshots");
    }
    return select(query, (id, row) -> new LockedSnapshot(id, row.lock()));
  }

  Map<LockStatus, Long> countLocks(Instant now) {
    Map<LockStatus, Long> counts = new EnumMap<>(LockStatus.class);
    for (Region region : regions.values()) {
      for (SnapshotRow row : region.locked.values()) {
        counts.merge(row.lock().statusAt(now), 1L, Long::sum);
      }
    }
    return counts;
  }

  /** The same rows, in the same order, as JdbcSnapshotRepository's listings select. */
  private <T> List<T> select(SnapshotQuery query, RowMapper<T> mapper) {
    List<T> found = new ArrayList<>();
    Region region = regions.get(query.regionId());
    if (region == null || query.limit() <= 0) {
      return found;
    }
    boolean lockedOnly = query.lock() != SnapshotQuery.LockFilter.ANY || query.lockStatus() != null;
    NavigableMap<String, SnapshotRow> source = lockedOnly ? region.locked : region.all;
    long nowMillis = query.now().toEpochMilli();
    if (!query.snapshotIds().isEmpty()) {
      TreeSet<String> ids = new TreeSet<>(SQL_ORDER);
      ids.addAll(query.snapshotIds());
      Iterable<String> wanted =
          query.afterSnapshotId() == null ? ids : ids.tailSet(query.afterSnapshotId(), false);
      for (String id : wanted) {
        SnapshotRow row = source.get(id);
        if (row != null && matches(query, row, nowMillis)) {
          found.add(mapper.map(id, row));
          if (found.size() >= query.limit()) {
            break;
          }
        }
      }
      return found;
    }
    NavigableMap<String, SnapshotRow> range =
        query.afterSnapshotId() == null ? source : source.tailMap(query.afterSnapshotId(), false);
    for (Map.Entry<String, SnapshotRow> entry : range.entrySet()) {
      SnapshotRow row = entry.getValue();
      if (matches(query, row, nowMillis)) {
        found.add(mapper.map(entry.getKey(), row));
        if (found.size() >= query.limit()) {
          break;
        }
      }
    }
    return found;
  }

  /** The SQL listing's conditions but the region, the ids and the position. */
  private static boolean matches(SnapshotQuery query, SnapshotRow row, long nowMillis) {
    if (row.isGoneAt(nowMillis)) {
      return false;
    }
    if (query.state() != null
        && (query.state() == SnapshotState.IN_RECYCLE_BIN) != row.inRecycleBin()) {
      return false;
    }
    SnapshotLock lock = row.lock();
    switch (query.lock()) {
      case ANY -> {}
      case HAS_LOCK -> {
        if (lock == null) {
          return false;
        }
      }
      case ACTIVE_LOCK -> {
        if (lock == null || !lock.isActiveAt(query.now())) {
          return false;
        }
      }
    }
    if (query.lockStatus() != null
        && (lock == null || lock.statusAt(query.now()) != query.lockStatus())) {
      return false;
    }
    if (query.tagKey() != null) {
      String value = row.tags().get(query.tagKey());
      return value != null && (query.tagValue() == null || query.tagValue().equals(value));
    }
    return true;
  }

  // ---- the writer's side ----

  /**
   * A batch committed with {@code changes}: applies them now if loaded, else keeps them for the
   * load to replay. Called on the writer thread after COMMIT, before the batch's callers hear.
   */
  synchronized void committed(Changes changes) {
    if (disabled || changes.isEmpty()) {
      return;
    }
    if (pending != null) {
      pending.add(changes);
      return;
    }
    long stamp = stamps.writeLock();
    try {
      apply(regions, changes);
    } finally {
      stamps.unlockWrite(stamp);
    }
  }

  /**
   * Stops answering from memory for good, after something that may have left the model inexact;
   * reads go to SQL from now on.
   */
  void disable(String why, Throwable cause) {
    if (!disabled) {
      disabled = true;
      LOG.log(Level.SEVERE, "the snapshot read model is off (" + why + "); reads use SQL", cause);
    }
    synchronized (this) {
      pending = null;
    }
  }

  private static void apply(Map<String, Region> regions, Changes changes) {
    for (Map.Entry<RowKey, SnapshotRow> change : changes.rows.entrySet()) {
      RowKey key = change.getKey();
      SnapshotRow row = change.getValue();
      if (row == Changes.DELETED) {
        Region region = regions.get(key.regionId());
        if (region != null) {
          region.all.remove(key.snapshotId());
          region.byId.remove(key.snapshotId());
          region.locked.remove(key.snapshotId());
        }
        continue;
      }
      Region region = regions.computeIfAbsent(SnapshotRow.share(key.regionId()), r -> new Region());
      region.all.put(key.snapshotId(), row);
      region.byId.put(key.snapshotId(), row);
      if (row.lock() != null) {
        region.locked.put(key.snapshotId(), row);
      } else {
        region.locked.remove(key.snapshotId());
      }
    }
  }

  // ---- loading ----

  /**
   * Loads every snapshot through {@code connection} (a reader's, in autocommit mode), replays what
   * committed meanwhile and makes the model ready. {@code stop} is polled; on true it gives up.
   *
   * @return how many snapshots it loaded
   */
  long load(CachingConnection connection, BooleanSupplier stop) throws SQLException {
    Map<String, Region> loaded = new ConcurrentHashMap<>();
    long count = 0;
    connection.execute("BEGIN");
    try {
      // Both in primary-key order: each row's tags are the next ones of the tag cursor.
      try (ResultSet rows = connection.prepare(SELECT_ROWS).executeQuery();
          ResultSet tags = connection.prepare(SELECT_TAGS).executeQuery()) {
        TagCursor tagCursor = new TagCursor(tags);
        String regionId = null;
        Region region = null;
        while (rows.next()) {
          String rowRegion = rows.getString(1);
          if (!rowRegion.equals(regionId)) {
            regionId = SnapshotRow.share(rowRegion);
            region = loaded.computeIfAbsent(regionId, r -> new Region());
          }
          String snapshotId = rows.getString(2);
          SnapshotRow row =
              SnapshotRow.decode(
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  tagCursor.tagsOf(regionId, snapshotId));
          region.all.put(snapshotId, row);
          region.byId.put(snapshotId, row);
          if (row.lock() != null) {
            region.locked.put(snapshotId, row);
          }
          if ((++count & 0xFFF) == 0 && stop.getAsBoolean()) {
            return count;
          }
        }
      }
    } finally {
      connection.execute("ROLLBACK");
    }
    afterLoadHook.run();
    // Replay outside the monitor while batches keep coming, then the rest under it.
    while (true) {
      List<Changes> replay;
      synchronized (this) {
        if (pending == null) {
          return count; // disabled meanwhile
        }
        if (pending.size() <= 8) {
          pending.forEach(changes -> apply(loaded, changes));
          pending = null;
          regions = loaded;
          return count;
        }
        replay = pending;
        pending = new ArrayList<>();
      }
      replay.forEach(changes -> apply(loaded, changes));
    }
  }

  /** The tag rows in primary-key order, handed out snapshot by snapshot. */
  private static final class TagCursor {
    private final ResultSet tags;
    private boolean more;

    TagCursor(ResultSet tags) throws SQLException {
      this.tags = tags;
      this.more = tags.next();
    }

    /** The tags of (region, id); the snapshots are asked for in the same order. */
    Map<String, String> tagsOf(String regionId, String snapshotId) throws SQLException {
      Map<String, String> found = null;
      while (more) {
        int byRegion = SQL_ORDER.compare(tags.getString(1), regionId);
        int order = byRegion != 0 ? byRegion : SQL_ORDER.compare(tags.getString(2), snapshotId);
        if (order > 0) {
          break;
        }
        if (order == 0) {
          if (found == null) {
            found = new HashMap<>(4);
          }
          found.put(SnapshotRow.share(tags.getString(3)), SnapshotRow.share(tags.getString(4)));
        }
        more = tags.next(); // a tag without its snapshot (order < 0) cannot be; skipped anyway
      }
      return found == null ? Map.of() : found;
    }
  }

  private static int compareCodePoints(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= Character.MIN_SURROGATE && y >= Character.MIN_SURROGATE) {
          return fixUp(x) - fixUp(y);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  /** Moves surrogates above U+E000..U+FFFF, as their code points are. */
  private static int fixUp(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }

  /**
   * A region's snapshots by id, in SQL order, and the locked ones among them; and the same rows
   * hashed by id for lookups of one snapshot, which in the ordered map would walk some twenty nodes
   * and compare as many ids: at 10 M snapshots, a cache miss each.
   */
  private static final class Region {
    final ConcurrentSkipListMap<String, SnapshotRow> all = new ConcurrentSkipListMap<>(SQL_ORDER);
    final ConcurrentHashMap<String, SnapshotRow> byId = new ConcurrentHashMap<>();
    final ConcurrentSkipListMap<String, SnapshotRow> locked =
        new ConcurrentSkipListMap<>(SQL_ORDER);
  }

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(String snapshotId, SnapshotRow row);
  }

  /** A snapshot's primary key. */
  record RowKey(String regionId, String snapshotId) {}

  /**
   * What a unit of work or a batch did to snapshots: each changed key's row after it, or {@link
   * #DELETED}. Later changes of a key replace earlier ones, so it holds the end state.
   */
  static final class Changes {
    static final SnapshotRow DELETED =
        SnapshotRow.of(
            new Snapshot(
                "-",
                "-",
                SnapshotStatus.FAILED,
                0,
                false,
                "",
                Map.of(),
                Instant.EPOCH,
                SnapshotState.ACTIVE,
                null,
                null));

    final Map<RowKey, SnapshotRow> rows = new LinkedHashMap<>();

    /** The row after these changes: {@link #DELETED} if deleted; null if untouched. */
    SnapshotRow get(RowKey key) {
      return rows.get(key);
    }

    void put(RowKey key, SnapshotRow row) {
      rows.put(key, row);
    }

    void addAll(Changes later) {
      rows.putAll(later.rows);
    }

    boolean isEmpty() {
      return rows.isEmpty();
    }

    void clear() {
      rows.clear();
    }
  }
}
