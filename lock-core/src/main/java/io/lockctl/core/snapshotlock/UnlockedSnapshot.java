package io.lockctl.core.snapshotlock;

import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;

/** What UnlockSnapshot did: the snapshot (now without a lock) and the lock it removed. */
public record UnlockedSnapshot(Snapshot snapshot, SnapshotLock removedLock) {}
