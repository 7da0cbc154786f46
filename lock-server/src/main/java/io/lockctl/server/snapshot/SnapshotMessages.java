package io.lockctl.server.snapshot;

import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.RequestedMode;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.v1.LockedSnapshotInfo;
import java.time.Instant;

/**
 * Snapshot and lock values between the domain and lockctl.v1 messages. Unspecified or unknown enum
 * values become {@code null}, which the domain refuses with its own reason where a value is
 * required.
 */
public final class SnapshotMessages {
  private SnapshotMessages() {}

  /** The snapshot as a message, its lock status computed at {@code now}. */
  public static io.lockctl.v1.Snapshot toProto(Snapshot snapshot, Instant now) {
    io.lockctl.v1.Snapshot.Builder proto =
        io.lockctl.v1.Snapshot.newBuilder()
            .setRegionId(snapshot.regionId())
            .setSnapshotId(snapshot.snapshotId())
            .setStatus(toProto(snapshot.status()))
            .setRetentionDays(snapshot.retentionDays())
            .setShared(snapshot.shared())
            .setManagedBy(snapshot.managedBy())
            .putAllTags(snapshot.tags())
            .setCreateTime(ProtoTime.toTimestamp(snapshot.createTime()))
            .setState(toProto(snapshot.state()));
    if (snapshot.retainUntil() != null) {
      proto.setRetainUntil(ProtoTime.toTimestamp(snapshot.retainUntil()));
    }
    if (snapshot.lock() != null) {
      proto.setLock(toProto(snapshot.snapshotId(), snapshot.lock(), now));
    }
    proto.setCreatedByPolicy(snapshot.createdByPolicy());
    if (snapshot.expireTime() != null) {
      proto.setExpireTime(ProtoTime.toTimestamp(snapshot.expireTime()));
    }
    return proto.build();
  }

  /** The lock as a message, its status computed at {@code now}. */
  public static LockedSnapshotInfo toProto(String snapshotId, SnapshotLock lock, Instant now) {
    LockedSnapshotInfo.Builder info =
        LockedSnapshotInfo.newBuilder()
            .setSnapshotId(snapshotId)
            .setLockMode(toProto(lock.mode()))
            .setLockStatus(toProto(lock.statusAt(now)))
            .setLockCreationTime(ProtoTime.toTimestamp(lock.creationTime()))
            .setCoolOffPeriodHours(lock.coolOffHours());
    lock.coolOffEndTime()
        .ifPresent(end -> info.setCoolOffPeriodExpiredTime(ProtoTime.toTimestamp(end)));
    if (lock.term() instanceof LockTerm.Days days) {
      info.setLockDurationDays(days.days());
    }
    if (lock.durationStartTime() != null) {
      info.setLockDurationStartTime(ProtoTime.toTimestamp(lock.durationStartTime()));
    }
    lock.expireTime().ifPresent(expiry -> info.setLockExpiredTime(ProtoTime.toTimestamp(expiry)));
    if (lock.lockKeyId() != null) {
      info.setLockKeyRef(lock.lockKeyId());
    }
    return info.build();
  }

  static SnapshotStatus toDomain(io.lockctl.v1.SnapshotStatus status) {
    return switch (status) {
      case SNAPSHOT_STATUS_PROGRESSING -> SnapshotStatus.PROGRESSING;
      case SNAPSHOT_STATUS_ACCOMPLISHED -> SnapshotStatus.ACCOMPLISHED;
      case SNAPSHOT_STATUS_FAILED -> SnapshotStatus.FAILED;
      case SNAPSHOT_STATUS_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  static SnapshotState toDomain(io.lockctl.v1.SnapshotState state) {
    return switch (state) {
      case SNAPSHOT_STATE_ACTIVE -> SnapshotState.ACTIVE;
      case SNAPSHOT_STATE_IN_RECYCLE_BIN -> SnapshotState.IN_RECYCLE_BIN;
      case SNAPSHOT_STATE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  /** The mode a request names, or {@link RequestedMode#UNRECOGNIZED} when it names none. */
  static RequestedMode toDomain(io.lockctl.v1.LockMode mode) {
    return switch (mode) {
      case LOCK_MODE_COMPLIANCE -> LockMode.COMPLIANCE;
      case LOCK_MODE_GOVERNANCE -> LockMode.GOVERNANCE;
      case LOCK_MODE_KEY -> LockMode.KEY;
      case LOCK_MODE_UNSPECIFIED, UNRECOGNIZED -> RequestedMode.UNRECOGNIZED;
    };
  }

  static LockStatus toDomain(io.lockctl.v1.LockStatus status) {
    return switch (status) {
      case LOCK_STATUS_COMPLIANCE_COOLOFF -> LockStatus.COMPLIANCE_COOLOFF;
      case LOCK_STATUS_COMPLIANCE -> LockStatus.COMPLIANCE;
      case LOCK_STATUS_GOVERNANCE -> LockStatus.GOVERNANCE;
      case LOCK_STATUS_KEY -> LockStatus.KEY;
      case LOCK_STATUS_EXPIRED -> LockStatus.EXPIRED;
      case LOCK_STATUS_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  static io.lockctl.v1.SnapshotStatus toProto(SnapshotStatus status) {
    return switch (status) {
      case PROGRESSING -> io.lockctl.v1.SnapshotStatus.SNAPSHOT_STATUS_PROGRESSING;
      case ACCOMPLISHED -> io.lockctl.v1.SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED;
      case FAILED -> io.lockctl.v1.SnapshotStatus.SNAPSHOT_STATUS_FAILED;
    };
  }

  static io.lockctl.v1.SnapshotState toProto(SnapshotState state) {
    return switch (state) {
      case ACTIVE -> io.lockctl.v1.SnapshotState.SNAPSHOT_STATE_ACTIVE;
      case IN_RECYCLE_BIN -> io.lockctl.v1.SnapshotState.SNAPSHOT_STATE_IN_RECYCLE_BIN;
    };
  }

  static io.lockctl.v1.LockMode toProto(LockMode mode) {
    return switch (mode) {
      case COMPLIANCE -> io.lockctl.v1.LockMode.LOCK_MODE_COMPLIANCE;
      case GOVERNANCE -> io.lockctl.v1.LockMode.LOCK_MODE_GOVERNANCE;
      case KEY -> io.lockctl.v1.LockMode.LOCK_MODE_KEY;
    };
  }

  static io.lockctl.v1.LockStatus toProto(LockStatus status) {
    return switch (status) {
      case COMPLIANCE_COOLOFF -> io.lockctl.v1.LockStatus.LOCK_STATUS_COMPLIANCE_COOLOFF;
      case COMPLIANCE -> io.lockctl.v1.LockStatus.LOCK_STATUS_COMPLIANCE;
      case GOVERNANCE -> io.lockctl.v1.LockStatus.LOCK_STATUS_GOVERNANCE;
      case KEY -> io.lockctl.v1.LockStatus.LOCK_STATUS_KEY;
      case EXPIRED -> io.lockctl.v1.LockStatus.LOCK_STATUS_EXPIRED;
    };
  }
}
