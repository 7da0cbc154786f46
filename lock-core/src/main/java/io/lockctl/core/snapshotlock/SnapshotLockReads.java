package io.lockctl.core.snapshotlock;

import io.lockctl.core.snapshot.SnapshotReads;

/** What reading snapshot locks (and issuing unlock challenges) needs: the snapshots. */
public interface SnapshotLockReads extends SnapshotReads {}
