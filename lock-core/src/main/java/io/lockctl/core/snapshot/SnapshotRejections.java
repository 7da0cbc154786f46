package io.lockctl.core.snapshot;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Refusals shared by the catalog and the lock decisions, so both word them the same way. */
public final class SnapshotRejections {

  private SnapshotRejections() {}

  public static Rejection notFound(String regionId, String snapshotId) {
    return Rejection.of(
        Reason.SNAPSHOT_NOT_FOUND, "snapshot " + snapshotId + " not found in region " + regionId);
  }

  /**
   * SNAPSHOT_NOT_AVAILABLE for a call a snapshot in the recycle bin refuses, with its {@code
   * retain_until} (RFC 3339) in the metadata.
   */
  public static Rejection inRecycleBin(String refused, Snapshot snapshot) {
    return Rejection.of(
        Reason.SNAPSHOT_NOT_AVAILABLE,
        refused
            + ": snapshot "
            + snapshot.snapshotId()
            + " is in the recycle bin until "
            + snapshot.retainUntil(),
        Map.of("retain_until", snapshot.retainUntil().toString()));
  }

  /**
   * SNAPSHOT_LOCKED with the metadata clients act on: the lock's status at {@code now} and, when it
   * is known (not for a pending lock), its expiry in RFC 3339.
   */
  public static Rejection locked(String refused, SnapshotLock lock, Instant now) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("lock_status", lock.statusAt(now).name());
    lock.expireTime().ifPresent(expiry -> metadata.put("lock_expired_time", expiry.toString()));
    return Rejection.of(Reason.SNAPSHOT_LOCKED, refused + ": the snapshot is locked", metadata);
  }
}
