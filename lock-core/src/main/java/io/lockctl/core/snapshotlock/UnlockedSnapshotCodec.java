package io.lockctl.core.snapshotlock;

import io.lockctl.core.idempotency.ResultCodec;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.snapshot.SnapshotCodecs;

/** How an UnlockSnapshot's result is remembered: the snapshot and the lock it lost. */
final class UnlockedSnapshotCodec {
  static final ResultCodec<AsOf<UnlockedSnapshot>> UNLOCKED =
      AsOf.codec(
          (unlocked, out) -> {
            SnapshotCodecs.writeSnapshot(unlocked.snapshot(), out);
            SnapshotCodecs.writeLock(unlocked.removedLock(), out);
          },
          in -> new UnlockedSnapshot(SnapshotCodecs.readSnapshot(in), SnapshotCodecs.readLock(in)));

  private UnlockedSnapshotCodec() {}
}
