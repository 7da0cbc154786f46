package io.lockctl.core.snapshotlock;

import io.lockctl.core.lockkey.LockKeyReader;
import io.lockctl.core.lockkey.UsedUnlockChallengeRepository;
import io.lockctl.core.operation.MutationWrites;
import io.lockctl.core.snapshot.SnapshotRepository;

/**
 * What changing snapshot locks needs: the snapshots, for writing; the lock keys a KEY lock names;
 * and the unlock challenges already spent.
 */
public interface SnapshotLockWrites extends SnapshotLockReads, MutationWrites {

  @Override
  SnapshotRepository snapshots();

  LockKeyReader lockKeys();

  UsedUnlockChallengeRepository usedUnlockChallenges();
}
