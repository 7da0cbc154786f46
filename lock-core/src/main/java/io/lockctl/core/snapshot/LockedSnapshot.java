package io.lockctl.core.snapshot;

import java.util.Objects;

/** A snapshot seen only through its lock: what a listing of locks shows of it. */
public record LockedSnapshot(String snapshotId, SnapshotLock lock) {
  public LockedSnapshot {
    Objects.requireNonNull(snapshotId, "snapshotId");
    Objects.requireNonNull(lock, "lock");
  }
}
