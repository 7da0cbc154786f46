package io.lockctl.core.store.jdbc;

import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One snapshot as the read model keeps it: its times as epoch milliseconds, exactly as the {@code
 * snapshot} table stores them (so a row made from a written {@link Snapshot} reads back as the SQL
 * would), its repeated strings shared, and its lock and tags as immutable objects every read hands
 * out as they are. The snapshot id is the key of the map that holds the row, and the region id the
 * key of the map above it, so neither is kept here.
 */
final class SnapshotRow {
  /** An absent instant. */
  static final long NONE = Long.MIN_VALUE;

  private static final SnapshotStatus[] STATUSES = SnapshotStatus.values();

  /** Strings many rows repeat (managed-by, policies, lock keys, regions), one copy each. */
  private static final Map<String, String> SHARED = new ConcurrentHashMap<>();

  /** Beyond this many distinct strings, new ones are kept as they come (bounds the table). */
  private static final int MAX_SHARED = 100_000;

  private final byte status;
  private final boolean shared;
  private final boolean inRecycleBin;
  private final int retentionDays;
  private final String managedBy;
  private final String createdByPolicy;
  private final Map<String, String> tags;
  private final SnapshotLock lock;
  private final long createTime;
  private final long retainUntil;
  private final long expireTime;

  private SnapshotRow(Snapshot snapshot) {
    this.status = (byte) snapshot.status().ordinal();
    this.shared = snapshot.shared();
    this.inRecycleBin = snapshot.state() == SnapshotState.IN_RECYCLE_BIN;
    this.retentionDays = snapshot.retentionDays();
    this.managedBy = share(snapshot.managedBy());
    this.createdByPolicy = share(snapshot.createdByPolicy());
    this.tags = snapshot.tags();
    this.lock = normalized(snapshot.lock());
    this.createTime = snapshot.createTime().toEpochMilli();
    this.retainUntil = millis(snapshot.retainUntil());
    this.expireTime = millis(snapshot.expireTime());
  }

  /** The row of {@code snapshot}, its instants cut to milliseconds as the database keeps them. */
  static SnapshotRow of(Snapshot snapshot) {
    return new SnapshotRow(snapshot);
  }

  Snapshot toSnapshot(String regionId, String snapshotId) {
    return new Snapshot(
        regionId,
        snapshotId,
        STATUSES[status],
        retentionDays,
        shared,
        managedBy,
        tags,
        Instant.ofEpochMilli(createTime),
        inRecycleBin ? SnapshotState.IN_RECYCLE_BIN : SnapshotState.ACTIVE,
        instant(retainUntil),
        lock,
        createdByPolicy,
        instant(expireTime));
  }

  /** Its lock, or {@code null}. */
  SnapshotLock lock() {
    return lock;
  }

  Map<String, String> tags() {
    return tags;
  }

  boolean inRecycleBin() {
    return inRecycleBin;
  }

  /** {@link Snapshot#isGoneAt}, in milliseconds. */
  boolean isGoneAt(long nowMillis) {
    return inRecycleBin && nowMillis >= retainUntil;
  }

  /** A string equal to {@code value}, the same instance for every row that repeats it. */
  static String share(String value) {
    if (value == null || value.isEmpty()) {
      return value == null ? null : "";
    }
    String known = SHARED.get(value);
    if (known != null) {
      return known;
    }
    if (SHARED.size() >= MAX_SHARED) {
      return value;
    }
    known = SHARED.putIfAbsent(value, value);
    return known == null ? value : known;
  }

  /** The lock as the database would give it back: instants in milliseconds, strings shared. */
  private static SnapshotLock normalized(SnapshotLock lock) {
    if (lock == null) {
      return null;
    }
    LockTerm term =
        lock.term() instanceof LockTerm.Until until
            ? new LockTerm.Until(cut(until.expireTime()))
            : lock.term();
    return new SnapshotLock(
        lock.mode(),
        cut(lock.creationTime()),
        lock.coolOffHours(),
        term,
        lock.durationStartTime() == null ? null : cut(lock.durationStartTime()),
        share(lock.lockKeyId()),
        lock.version());
  }

  private static Instant cut(Instant instant) {
    return Instant.ofEpochMilli(instant.toEpochMilli());
  }

  private static long millis(Instant instant) {
    return instant == null ? NONE : instant.toEpochMilli();
  }

  private static Instant instant(long millis) {
    return millis == NONE ? null : Instant.ofEpochMilli(millis);
  }
}
