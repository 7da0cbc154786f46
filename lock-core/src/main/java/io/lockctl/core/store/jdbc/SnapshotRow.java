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
    this.tags = shareTags(snapshot.tags());
    this.lock = normalized(snapshot.lock());
    this.createTime = snapshot.createTime().toEpochMilli();
    this.retainUntil = millis(snapshot.retainUntil());
    this.expireTime = millis(snapshot.expireTime());
  }

  private SnapshotRow(
      byte status,
      boolean shared,
      boolean inRecycleBin,
      int retentionDays,
      String managedBy,
      String createdByPolicy,
      Map<String, String> tags,
      SnapshotLock lock,
      long createTime,
      long retainUntil,
      long expireTime) {
    this.status = status;
    this.shared = shared;
    this.inRecycleBin = inRecycleBin;
    this.retentionDays = retentionDays;
    this.managedBy = share(managedBy);
    this.createdByPolicy = share(createdByPolicy);
    this.tags = shareTags(tags);
    this.lock = lock;
    this.createTime = createTime;
    this.retainUntil = retainUntil;
    this.expireTime = expireTime;
  }

  /**
   * The row the read model's load selects: the free-form strings as they are, the rest in {@code
   * fields}, comma-separated in the order status, retention_days, shared, create_time, state,
   * retain_until, expire_time, then the lock's mode, creation time, cool-off hours, term kind, term
   * value, duration start and version; an absent value is an empty field.
   */
  static SnapshotRow decode(
      String managedBy,
      String createdByPolicy,
      String lockKeyId,
      String fields,
      Map<String, String> tags) {
    Fields in = new Fields(fields);
    byte status = (byte) SnapshotStatus.valueOf(in.next()).ordinal();
    int retentionDays = Math.toIntExact(in.nextLong());
    boolean shared = in.nextLong() != 0;
    long createTime = in.nextLong();
    boolean inRecycleBin = SnapshotState.valueOf(in.next()) == SnapshotState.IN_RECYCLE_BIN;
    long retainUntil = in.nextLong();
    long expireTime = in.nextLong();
    String mode = in.next();
    SnapshotLock lock = null;
    if (!mode.isEmpty()) {
      long creation = in.nextLong();
      int coolOff = Math.toIntExact(in.nextLong());
      String termKind = in.next();
      long termValue = in.nextLong();
      long durationStart = in.nextLong();
      long version = in.nextLong();
      LockTerm term =
          switch (termKind) {
            case "DAYS" -> new LockTerm.Days(Math.toIntExact(termValue));
            case "UNTIL" -> new LockTerm.Until(Instant.ofEpochMilli(termValue));
            default -> throw new IllegalStateException("unknown lock term kind in the database");
          };
      lock =
          new SnapshotLock(
              io.lockctl.core.snapshot.LockMode.valueOf(mode),
              Instant.ofEpochMilli(creation),
              coolOff,
              term,
              instant(durationStart),
              share(lockKeyId),
              version);
    }
    return new SnapshotRow(
        status,
        shared,
        inRecycleBin,
        retentionDays,
        managedBy,
        createdByPolicy,
        tags,
        lock,
        createTime,
        retainUntil,
        expireTime);
  }

  /** Comma-separated fields, read in turn; an empty number is {@link #NONE}. */
  private static final class Fields {
    private final String text;
    private int at;

    Fields(String text) {
      this.text = text;
    }

    String next() {
      int end = text.indexOf(',', at);
      if (end < 0) {
        end = text.length();
      }
      String field = text.substring(at, end);
      at = end + 1;
      return field;
    }

    long nextLong() {
      int end = text.indexOf(',', at);
      if (end < 0) {
        end = text.length();
      }
      long value = end == at ? NONE : Long.parseLong(text, at, end, 10);
      at = end + 1;
      return value;
    }
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

  /** Tag sets repeat across many snapshots; each distinct one is kept once (up to a bound). */
  private static final Map<Map<String, String>, Map<String, String>> SHARED_TAGS =
      new ConcurrentHashMap<>();

  private static Map<String, String> shareTags(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return Map.of();
    }
    Map<String, String> known = SHARED_TAGS.get(tags);
    if (known != null) {
      return known;
    }
    if (SHARED_TAGS.size() >= MAX_SHARED) {
      return tags;
    }
    known = SHARED_TAGS.putIfAbsent(tags, tags);
    return known == null ? tags : known;
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
