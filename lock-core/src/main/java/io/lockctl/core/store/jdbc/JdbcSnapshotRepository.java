package io.lockctl.core.store.jdbc;

import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotQuery;
import io.lockctl.core.snapshot.SnapshotRepository;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Snapshots in the {@code snapshot} table, their tags in {@code snapshot_tag}. Each statement is
 * named below; the listings put theirs together from named fragments, as their filters ask.
 */
final class JdbcSnapshotRepository implements SnapshotRepository {
  private static final String TERM_DAYS = "DAYS";
  private static final String TERM_UNTIL = "UNTIL";

  /** The columns of a lock, in the order {@link #lockOrNull} reads them. */
  private static final List<String> LOCK_COLUMNS =
      List.of(
          "lock_mode",
          "lock_creation_time",
          "lock_cool_off_hours",
          "lock_term_kind",
          "lock_term_value",
          "lock_duration_start_time",
          "lock_key_id",
          "lock_version");

  /** Every column but the key, in the order {@link #bindColumns} binds them. */
  private static final List<String> COLUMN_LIST =
      concat(
          List.of(
              "status",
              "retention_days",
              "shared",
              "managed_by",
              "create_time",
              "state",
              "retain_until"),
          LOCK_COLUMNS,
          List.of(
              "lock_expire_time", "lock_cool_off_end_time", "created_by_policy", "expire_time"));

  private static final String COLUMNS = String.join(", ", COLUMN_LIST);
  private static final String COLUMN_PARAMETERS = parameters(COLUMN_LIST.size());

  // Positions in "SELECT s.snapshot_id, COLUMNS". Reading by position spares the driver a lookup
  // by name for every column of every row, which is a large part of a listing's cost.
  private static final int SNAPSHOT_ID_AT = 1;
  private static final int STATUS_AT = at("status");
  private static final int RETENTION_DAYS_AT = at("retention_days");
  private static final int SHARED_AT = at("shared");
  private static final int MANAGED_BY_AT = at("managed_by");
  private static final int CREATE_TIME_AT = at("create_time");
  private static final int STATE_AT = at("state");
  private static final int RETAIN_UNTIL_AT = at("retain_until");
  private static final int LOCK_AT = at(LOCK_COLUMNS.get(0));
  private static final int CREATED_BY_POLICY_AT = at("created_by_policy");
  private static final int EXPIRE_TIME_AT = at("expire_time");

  /** What {@link #select} reads: the id and every column, at the positions above. */
  static final String SELECT_SNAPSHOTS = "SELECT s.snapshot_id, " + COLUMNS;

  /** How many columns {@link #SELECT_SNAPSHOTS} reads after the id. */
  static final int COLUMN_COUNT = COLUMN_LIST.size();

  /** What {@link #listLocks} selects: the id and the lock, nothing else of the row. */
  private static final String SELECT_LOCKS =
      "SELECT s.snapshot_id, "
          + String.join(", ", LOCK_COLUMNS.stream().map(column -> "s." + column).toList());

  private static final String SELECT_BY_KEY =
      SELECT_SNAPSHOTS + " FROM snapshot s WHERE s.region_id = ? AND s.snapshot_id = ?";

  private static final String INSERT =
      "INSERT INTO snapshot (region_id, snapshot_id, "
          + COLUMNS
          + ")"
          + " VALUES (?, ?, "
          + COLUMN_PARAMETERS
          + ")";

  private static final String UPDATE =
      "UPDATE snapshot SET ("
          + COLUMNS
          + ") = ("
          + COLUMN_PARAMETERS
          + ")"
          + " WHERE region_id = ? AND snapshot_id = ?";

  /** Its tags go with it: ON DELETE CASCADE. */
  private static final String DELETE =
      "DELETE FROM snapshot WHERE region_id = ? AND snapshot_id = ?";

  /**
   * The recycle bin's rows gone at the bound instant, found by the partial index {@code
   * snapshot_recycle_bin}; their tags go with them (ON DELETE CASCADE).
   */
  private static final String DELETE_GONE_FROM_RECYCLE_BIN =
      "DELETE FROM snapshot WHERE state = '"
          + SnapshotState.IN_RECYCLE_BIN.name()
          + "' AND retain_until <= ?";

  /** The keys of what {@link #DELETE_GONE_FROM_RECYCLE_BIN} deletes at the same bound instant. */
  private static final String SELECT_GONE_FROM_RECYCLE_BIN =
      "SELECT region_id, snapshot_id FROM snapshot WHERE state = '"
          + SnapshotState.IN_RECYCLE_BIN.name()
          + "' AND retain_until <= ?";

  private static final String INSERT_TAG =
      "INSERT INTO snapshot_tag (region_id, snapshot_id, tag_key, tag_value)"
          + " VALUES (?, ?, ?, ?)";

  private static final String DELETE_TAGS =
      "DELETE FROM snapshot_tag WHERE region_id = ? AND snapshot_id = ?";

  /** The tags of a region's snapshots; an IN list of their ids and a ')' follow. */
  private static final String SELECT_TAGS_OF_IDS =
      "SELECT snapshot_id, tag_key, tag_value FROM snapshot_tag"
          + " WHERE region_id = ? AND snapshot_id IN (";

  // The fragments of a listing, after its select list, in the order they are appended.

  /**
   * Not gone from the recycle bin at the instant bound to its one parameter: the SQL twin of {@link
   * Snapshot#isGoneAt}, negated.
   */
  private static final String NOT_GONE =
      "(s.state <> '" + SnapshotState.IN_RECYCLE_BIN.name() + "' OR s.retain_until > ?)";

  /** A lock that is set and not expired at the instant bound to its one parameter. */
  private static final String ACTIVE_LOCK =
      "s.lock_mode IS NOT NULL AND (s.lock_expire_time IS NULL OR s.lock_expire_time > ?)";

  /** A region's snapshots not gone at the bound instant. */
  private static final String FROM_REGION_NOT_GONE =
      " FROM snapshot s WHERE s.region_id = ? AND " + NOT_GONE;

  private static final String AND_STATE = " AND s.state = ?";
  private static final String AND_HAS_LOCK = " AND s.lock_mode IS NOT NULL";
  private static final String AND_ACTIVE_LOCK = " AND " + ACTIVE_LOCK;
  private static final String AND_EXPIRED_LOCK =
      " AND s.lock_mode IS NOT NULL AND s.lock_expire_time <= ?";

  /** An active lock (the instant bound first) of the mode bound second. */
  private static final String AND_ACTIVE_LOCK_OF_MODE = AND_ACTIVE_LOCK + " AND s.lock_mode = ?";

  private static final String AND_IN_COOL_OFF = " AND s.lock_cool_off_end_time > ?";
  private static final String AND_PAST_COOL_OFF =
      " AND (s.lock_cool_off_end_time IS NULL OR s.lock_cool_off_end_time <= ?)";

  /**
   * Locked snapshots counted by status at the instant bound to both parameters: the SQL twin of
   * {@link io.lockctl.core.snapshot.SnapshotLock#statusAt}.
   */
  private static final String COUNT_LOCKS_BY_STATUS =
      "SELECT CASE"
          + " WHEN lock_expire_time IS NOT NULL AND lock_expire_time <= ? THEN 'EXPIRED'"
          + " WHEN lock_mode = 'COMPLIANCE' AND lock_cool_off_end_time > ?"
          + " THEN 'COMPLIANCE_COOLOFF'"
          + " ELSE lock_mode END AS lock_status, COUNT(*)"
          + " FROM snapshot WHERE lock_mode IS NOT NULL"
          + " GROUP BY lock_status";

  /** An IN list of ids and a ')' follow. */
  private static final String AND_ID_IN = " AND s.snapshot_id IN (";

  /** Has a tag with the bound key; {@link #AND_TAG_VALUE} may follow, then a ')'. */
  private static final String AND_HAS_TAG =
      " AND EXISTS (SELECT 1 FROM snapshot_tag t WHERE t.region_id = s.region_id"
          + " AND t.snapshot_id = s.snapshot_id AND t.tag_key = ?";

  private static final String AND_TAG_VALUE = " AND t.tag_value = ?";
  private static final String AND_AFTER_ID = " AND s.snapshot_id > ?";
  private static final String ORDER_BY_ID_LIMIT = " ORDER BY s.snapshot_id LIMIT ?";

  private final CachingConnection connection;

  /**
   * The tags of each snapshot this transaction found or wrote, as they now are in the database: an
   * update rewrites a snapshot's tags only if they changed (a lock change, the most common update,
   * leaves them alone). Listings do not fill it: no write updates what it only listed. A repository
   * lives for one unit of work, so this never outlives the savepoint its rows belong to.
   */
  private final Map<Key, Map<String, String>> storedTags = new HashMap<>();

  JdbcSnapshotRepository(CachingConnection connection) {
    this.connection = connection;
  }

  @Override
  public Optional<Snapshot> find(String regionId, String snapshotId) {
    Optional<Snapshot> found =
        select(regionId, SELECT_BY_KEY, List.of(regionId, snapshotId)).stream().findFirst();
    found.ifPresent(snapshot -> storedTags.put(Key.of(snapshot), snapshot.tags()));
    return found;
  }

  @Override
  public void insert(Snapshot snapshot) {
    try {
      insertRow(snapshot);
      insertTags(snapshot);
    } catch (SQLException e) {
      throw SqlFailures.of("inserting snapshot " + snapshot.snapshotId(), e);
    }
    storedTags.put(Key.of(snapshot), snapshot.tags());
  }

  @Override
  public void update(Snapshot snapshot) {
    Key key = Key.of(snapshot);
    boolean retag = !snapshot.tags().equals(storedTags.get(key));
    try {
      if (updateRow(snapshot) != 1) {
        throw new IllegalStateException("no snapshot " + snapshot.snapshotId() + " to update");
      }
      if (retag) {
        deleteTags(snapshot.regionId(), snapshot.snapshotId());
        insertTags(snapshot);
      }
    } catch (SQLException e) {
      throw SqlFailures.of("updating snapshot " + snapshot.snapshotId(), e);
    }
    if (retag) {
      storedTags.put(key, snapshot.tags());
    }
  }

  @Override
  public void delete(String regionId, String snapshotId) {
    try {
      deleteRow(regionId, snapshotId);
    } catch (SQLException e) {
      throw SqlFailures.of("deleting snapshot " + snapshotId, e);
    }
    storedTags.remove(new Key(regionId, snapshotId));
  }

  @Override
  public List<Snapshot> list(SnapshotQuery query) {
    List<Object> args = new ArrayList<>();
    String sql = SELECT_SNAPSHOTS + fromWhereOrderLimit(query, args);
    return select(query.regionId(), sql, args);
  }

  @Override
  public List<LockedSnapshot> listLocks(SnapshotQuery query) {
    if (query.lock() == SnapshotQuery.LockFilter.ANY) {
      throw new IllegalArgumentException("a listing of locks must leave out unlocked snapshots");
    }
    List<Object> args = new ArrayList<>();
    String sql = SELECT_LOCKS + fromWhereOrderLimit(query, args);
    List<LockedSnapshot> locked = new ArrayList<>();
    try (ResultSet rows = executeQuery(sql, args)) {
      while (rows.next()) {
        locked.add(new LockedSnapshot(rows.getString(1), lockOrNull(rows, 2)));
      }
      return locked;
    } catch (SQLException e) {
      throw SqlFailures.of("listing locks in region " + query.regionId(), e);
    }
  }

  @Override
  public int deleteGoneFromRecycleBin(Instant now) {
    storedTags.clear();
    try {
      return deleteGone(now);
    } catch (SQLException e) {
      throw SqlFailures.of("reclaiming the recycle bin", e);
    }
  }

  /**
   * As {@link #deleteGoneFromRecycleBin}, returning the (region, snapshot id) of each row it
   * deleted; the read model removes the same rows once the batch commits.
   */
  List<SnapshotReadModel.RowKey> deleteGoneReturningKeys(Instant now) {
    storedTags.clear();
    List<SnapshotReadModel.RowKey> keys = new ArrayList<>();
    try {
      PreparedStatement select = connection.prepare(SELECT_GONE_FROM_RECYCLE_BIN);
      select.setLong(1, now.toEpochMilli());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          keys.add(new SnapshotReadModel.RowKey(rows.getString(1), rows.getString(2)));
        }
      }
      int deleted = deleteGone(now);
      if (deleted != keys.size()) {
        throw new IllegalStateException(
            "the recycle bin held " + keys.size() + " gone snapshots but " + deleted + " went");
      }
      return keys;
    } catch (SQLException e) {
      throw SqlFailures.of("reclaiming the recycle bin", e);
    }
  }

  /**
   * Tells this repository that {@code snapshot}, found elsewhere (in the read model), is the stored
   * row, so that updating it rewrites its tags only if they change, as after {@link #find}.
   */
  void foundElsewhere(Snapshot snapshot) {
    storedTags.put(Key.of(snapshot), snapshot.tags());
  }

  /** The part of a listing after its select list; adds the parameters it uses to {@code args}. */
  private static String fromWhereOrderLimit(SnapshotQuery query, List<Object> args) {
    long now = query.now().toEpochMilli();
    StringBuilder sql = new StringBuilder(FROM_REGION_NOT_GONE);
    args.add(query.regionId());
    args.add(now);
    if (query.state() != null) {
      sql.append(AND_STATE);
      args.add(query.state().name());
    }
    switch (query.lock()) {
      case ANY -> {}
      case HAS_LOCK -> sql.append(AND_HAS_LOCK);
      case ACTIVE_LOCK -> {
        sql.append(AND_ACTIVE_LOCK);
        args.add(now);
      }
    }
    if (query.lockStatus() != null) {
      appendLockStatus(sql, args, query.lockStatus(), now);
    }
    if (!query.snapshotIds().isEmpty()) {
      sql.append(AND_ID_IN).append(parameters(query.snapshotIds().size())).append(')');
      args.addAll(query.snapshotIds());
    }
    if (query.tagKey() != null) {
      sql.append(AND_HAS_TAG);
      args.add(query.tagKey());
      if (query.tagValue() != null) {
        sql.append(AND_TAG_VALUE);
        args.add(query.tagValue());
      }
      sql.append(')');
    }
    if (query.afterSnapshotId() != null) {
      sql.append(AND_AFTER_ID);
      args.add(query.afterSnapshotId());
    }
    sql.append(ORDER_BY_ID_LIMIT);
    args.add(query.limit());
    return sql.toString();
  }

  /** The SQL twin of {@link SnapshotLock#statusAt}; a test cross-checks the two. */
  private static void appendLockStatus(
      StringBuilder sql, List<Object> args, LockStatus status, long now) {
    if (status == LockStatus.EXPIRED) {
      sql.append(AND_EXPIRED_LOCK);
      args.add(now);
      return;
    }
    sql.append(AND_ACTIVE_LOCK_OF_MODE);
    args.add(now);
    switch (status) {
      case COMPLIANCE_COOLOFF -> {
        args.add(LockMode.COMPLIANCE.name());
        sql.append(AND_IN_COOL_OFF);
        args.add(now);
      }
      case COMPLIANCE -> {
        args.add(LockMode.COMPLIANCE.name());
        sql.append(AND_PAST_COOL_OFF);
        args.add(now);
      }
      case GOVERNANCE -> args.add(LockMode.GOVERNANCE.name());
      case KEY -> args.add(LockMode.KEY.name());
      case EXPIRED -> throw new AssertionError("handled above");
    }
  }

  /** Runs a select of (snapshot_id, COLUMNS) in one region, then fetches all their tags at once. */
  private List<Snapshot> select(String regionId, String sql, List<?> args) {
    List<Snapshot> untagged = new ArrayList<>();
    try {
      try (ResultSet rows = executeQuery(sql, args)) {
        while (rows.next()) {
          untagged.add(snapshot(regionId, rows));
        }
      }
      if (untagged.isEmpty()) {
        return untagged;
      }
      Map<String, Map<String, String>> tags = selectTags(regionId, untagged);
      List<Snapshot> snapshots = new ArrayList<>(untagged.size());
      for (Snapshot snapshot : untagged) {
        snapshots.add(snapshot.withTags(tags.getOrDefault(snapshot.snapshotId(), Map.of())));
      }
      return snapshots;
    } catch (SQLException e) {
      throw SqlFailures.of("reading snapshots of region " + regionId, e);
    }
  }

  @Override
  public Map<LockStatus, Long> countLocks(Instant now) {
    long millis = now.toEpochMilli();
    Map<LockStatus, Long> counts = new EnumMap<>(LockStatus.class);
    try (ResultSet rows = executeQuery(COUNT_LOCKS_BY_STATUS, List.of(millis, millis))) {
      while (rows.next()) {
        counts.put(LockStatus.valueOf(rows.getString(1)), rows.getLong(2));
      }
    } catch (SQLException e) {
      throw SqlFailures.of("counting locks", e);
    }
    return counts;
  }

  private ResultSet executeQuery(String sql, List<?> args) throws SQLException {
    PreparedStatement select = connection.prepare(sql);
    for (int i = 0; i < args.size(); i++) {
      select.setObject(i + 1, args.get(i));
    }
    return select.executeQuery();
  }

  private void insertRow(Snapshot snapshot) throws SQLException {
    PreparedStatement insert = connection.prepare(INSERT);
    insert.setString(1, snapshot.regionId());
    insert.setString(2, snapshot.snapshotId());
    bindColumns(insert, 3, snapshot);
    insert.executeUpdate();
  }

  /** Returns how many rows changed: 1, or 0 if there is no such snapshot. */
  private int updateRow(Snapshot snapshot) throws SQLException {
    PreparedStatement update = connection.prepare(UPDATE);
    int next = bindColumns(update, 1, snapshot);
    update.setString(next, snapshot.regionId());
    update.setString(next + 1, snapshot.snapshotId());
    return update.executeUpdate();
  }

  private void deleteRow(String regionId, String snapshotId) throws SQLException {
    PreparedStatement delete = connection.prepare(DELETE);
    delete.setString(1, regionId);
    delete.setString(2, snapshotId);
    delete.executeUpdate();
  }

  private int deleteGone(Instant now) throws SQLException {
    PreparedStatement delete = connection.prepare(DELETE_GONE_FROM_RECYCLE_BIN);
    delete.setLong(1, now.toEpochMilli());
    return delete.executeUpdate();
  }

  /** The tags of {@code snapshots} (all of region {@code regionId}), by snapshot id. */
  private Map<String, Map<String, String>> selectTags(String regionId, List<Snapshot> snapshots)
      throws SQLException {
    PreparedStatement select =
        connection.prepare(SELECT_TAGS_OF_IDS + parameters(snapshots.size()) + ")");
    select.setString(1, regionId);
    for (int i = 0; i < snapshots.size(); i++) {
      select.setString(i + 2, snapshots.get(i).snapshotId());
    }
    Map<String, Map<String, String>> tags = new HashMap<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        tags.computeIfAbsent(rows.getString(1), id -> new HashMap<>())
            .put(rows.getString(2), rows.getString(3));
      }
    }
    return tags;
  }

  private void insertTags(Snapshot snapshot) throws SQLException {
    if (snapshot.tags().isEmpty()) {
      return;
    }
    PreparedStatement insert = connection.prepare(INSERT_TAG);
    insert.setString(1, snapshot.regionId());
    insert.setString(2, snapshot.snapshotId());
    for (Map.Entry<String, String> tag : snapshot.tags().entrySet()) {
      insert.setString(3, tag.getKey());
      insert.setString(4, tag.getValue());
      insert.executeUpdate();
    }
  }

  private void deleteTags(String regionId, String snapshotId) throws SQLException {
    PreparedStatement delete = connection.prepare(DELETE_TAGS);
    delete.setString(1, regionId);
    delete.setString(2, snapshotId);
    delete.executeUpdate();
  }

  /** Binds {@link #COLUMNS} from {@code first} on; returns the next parameter index. */
  private static int bindColumns(PreparedStatement statement, int first, Snapshot snapshot)
      throws SQLException {
    SnapshotLock lock = snapshot.lock();
    Object[] values = {
      snapshot.status().name(),
      snapshot.retentionDays(),
      snapshot.shared() ? 1 : 0,
      snapshot.managedBy(),
      millis(snapshot.createTime()),
      snapshot.state().name(),
      millis(snapshot.retainUntil()),
      lock == null ? null : lock.mode().name(),
      lock == null ? null : millis(lock.creationTime()),
      lock == null ? null : lock.coolOffHours(),
      lock == null ? null : termKind(lock.term()),
      lock == null ? null : termValue(lock.term()),
      lock == null ? null : millis(lock.durationStartTime()),
      lock == null ? null : lock.lockKeyId(),
      lock == null ? null : lock.version(),
      lock == null ? null : lock.expireTime().map(Instant::toEpochMilli).orElse(null),
      lock == null ? null : lock.coolOffEndTime().map(Instant::toEpochMilli).orElse(null),
      snapshot.createdByPolicy(),
      millis(snapshot.expireTime()),
    };
    for (int i = 0; i < values.length; i++) {
      statement.setObject(first + i, values[i]);
    }
    return first + values.length;
  }

  /** The snapshot in {@code row}, a result of {@link #SELECT_SNAPSHOTS}, without its tags. */
  static Snapshot snapshot(String regionId, ResultSet row) throws SQLException {
    return new Snapshot(
        regionId,
        row.getString(SNAPSHOT_ID_AT),
        SnapshotStatus.valueOf(row.getString(STATUS_AT)),
        row.getInt(RETENTION_DAYS_AT),
        row.getInt(SHARED_AT) != 0,
        row.getString(MANAGED_BY_AT),
        Map.of(),
        Instant.ofEpochMilli(row.getLong(CREATE_TIME_AT)),
        SnapshotState.valueOf(row.getString(STATE_AT)),
        instantOrNull(row, RETAIN_UNTIL_AT),
        lockOrNull(row, LOCK_AT),
        row.getString(CREATED_BY_POLICY_AT),
        instantOrNull(row, EXPIRE_TIME_AT));
  }

  /** The lock whose {@link #LOCK_COLUMNS} start at position {@code first}, in their order. */
  private static SnapshotLock lockOrNull(ResultSet row, int first) throws SQLException {
    String mode = row.getString(first);
    if (mode == null) {
      return null;
    }
    long termValue = row.getLong(first + 4);
    LockTerm term =
        switch (row.getString(first + 3)) {
          case TERM_DAYS -> new LockTerm.Days(Math.toIntExact(termValue));
          case TERM_UNTIL -> new LockTerm.Until(Instant.ofEpochMilli(termValue));
          default -> throw new IllegalStateException("unknown lock term kind in the database");
        };
    return new SnapshotLock(
        LockMode.valueOf(mode),
        Instant.ofEpochMilli(row.getLong(first + 1)),
        row.getInt(first + 2),
        term,
        instantOrNull(row, first + 5),
        row.getString(first + 6),
        row.getLong(first + 7));
  }

  private static String termKind(LockTerm term) {
    return term instanceof LockTerm.Days ? TERM_DAYS : TERM_UNTIL;
  }

  private static long termValue(LockTerm term) {
    if (term instanceof LockTerm.Days days) {
      return days.days();
    }
    return ((LockTerm.Until) term).expireTime().toEpochMilli();
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static Instant instantOrNull(ResultSet row, int position) throws SQLException {
    long millis = row.getLong(position);
    return row.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  /** The position of {@code column} in "SELECT s.snapshot_id, COLUMNS". */
  private static int at(String column) {
    int index = COLUMN_LIST.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("no column " + column);
    }
    return index + 2;
  }

  /** {@code count} parameter markers: "?, ?, ?". */
  private static String parameters(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static List<String> concat(List<String> first, List<String> second, List<String> third) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    all.addAll(third);
    return List.copyOf(all);
  }

  /** A snapshot's primary key. */
  private record Key(String regionId, String snapshotId) {
    static Key of(Snapshot snapshot) {
      return new Key(snapshot.regionId(), snapshot.snapshotId());
    }
  }
}
