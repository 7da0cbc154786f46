package io.lockctl.core.snapshot;

/** What UnlockSnapshot did: the snapshot (now without a lock) and the lock it removed. */
public record UnlockedSnapshot(Snapshot snapshot, SnapshotLock removedLock) {}
