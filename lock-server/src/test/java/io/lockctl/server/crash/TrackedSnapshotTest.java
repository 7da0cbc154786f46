package io.lockctl.server.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.lockctl.server.testing.Requests;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The crash test's judge: what it accepts after a restart and what it reports. */
class TrackedSnapshotTest {
  private static final String ID = Requests.snapshotId(7);
  private static final RegisterSnapshotRequest REGISTER =
      Requests.register(ID)
          .setCreateTime(Timestamp.newBuilder().setSeconds(1_700_000_000L))
          .putTags("a", "1")
          .putTags("b", "2")
          .build();
  private static final Snapshot STORED = TrackedSnapshot.expected(REGISTER);
  private static final LockSnapshotRequest LOCK_3_DAYS = Requests.governance(ID, 3).build();
  private static final LockSnapshotRequest LOCK_5_DAYS = Requests.governance(ID, 5).build();

  private static LockedSnapshotInfo lock(long createdSeconds, int days, LockStatus status) {
    Timestamp created = Timestamp.newBuilder().setSeconds(createdSeconds).build();
    return LockedSnapshotInfo.newBuilder()
        .setSnapshotId(ID)
        .setLockMode(LockMode.LOCK_MODE_GOVERNANCE)
        .setLockStatus(status)
        .setLockCreationTime(created)
        .setLockDurationDays(days)
        .setLockDurationStartTime(created)
        .setLockExpiredTime(Timestamp.newBuilder().setSeconds(createdSeconds + days * 86_400L))
        .build();
  }

  private static TrackedSnapshot registered() {
    TrackedSnapshot t = new TrackedSnapshot(ID);
    t.acknowledgedRegister(STORED);
    return t;
  }

  @Test
  void aRegisterInDoubtHappenedWholeOrNotAtAll() {
    TrackedSnapshot notHappened = new TrackedSnapshot(ID);
    notHappened.inDoubt(REGISTER);
    assertEquals(List.of(), notHappened.reconcile(null));
    assertEquals(null, notHappened.registered());

    TrackedSnapshot happened = new TrackedSnapshot(ID);
    happened.inDoubt(REGISTER);
    assertEquals(List.of(), happened.reconcile(STORED));
    assertEquals(STORED, happened.registered());
    assertTrue(happened.lockable());

    TrackedSnapshot half = new TrackedSnapshot(ID);
    half.inDoubt(REGISTER);
    assertEquals(1, half.reconcile(STORED.toBuilder().removeTags("b").build()).size());
  }

  @Test
  void anAcknowledgedRegisterMustBeThereWithEveryField() {
    assertEquals(1, registered().reconcile(null).size());
    assertEquals(1, registered().reconcile(STORED.toBuilder().setRetentionDays(9).build()).size());
    assertEquals(List.of(), registered().reconcile(STORED));
  }

  @Test
  void anAcknowledgedLockMustBeThereItsStatusAside() {
    TrackedSnapshot t = registered();
    t.acknowledgedLock(lock(1_800_000_000L, 3, LockStatus.LOCK_STATUS_GOVERNANCE));

    assertEquals(
        List.of(),
        t.reconcile(
            STORED.toBuilder()
                .setLock(lock(1_800_000_000L, 3, LockStatus.LOCK_STATUS_EXPIRED))
                .build()));
    assertEquals(1, t.reconcile(STORED).size()); // lost
    assertEquals(
        1,
        t.reconcile(
                STORED.toBuilder()
                    .setLock(lock(1_800_000_000L, 5, LockStatus.LOCK_STATUS_GOVERNANCE))
                    .build())
            .size());
  }

  @Test
  void aLockInDoubtIsTheOldOneOrExactlyTheOneAskedFor() {
    LockedSnapshotInfo acknowledged = lock(1_800_000_000L, 3, LockStatus.LOCK_STATUS_GOVERNANCE);
    LockedSnapshotInfo asked = lock(1_800_000_100L, 5, LockStatus.LOCK_STATUS_GOVERNANCE);

    TrackedSnapshot old = registered();
    old.acknowledgedLock(acknowledged);
    old.inDoubt(LOCK_5_DAYS);
    assertEquals(List.of(), old.reconcile(STORED.toBuilder().setLock(acknowledged).build()));
    assertTrue(old.lockable());

    TrackedSnapshot applied = registered();
    applied.acknowledgedLock(acknowledged);
    applied.inDoubt(LOCK_5_DAYS);
    assertEquals(List.of(), applied.reconcile(STORED.toBuilder().setLock(asked).build()));
    assertEquals(asked, applied.lock());

    TrackedSnapshot mixed = registered(); // the new term with the old expiry: half of each
    mixed.acknowledgedLock(acknowledged);
    mixed.inDoubt(LOCK_5_DAYS);
    assertEquals(
        1,
        mixed
            .reconcile(
                STORED.toBuilder()
                    .setLock(
                        asked.toBuilder().setLockExpiredTime(acknowledged.getLockExpiredTime()))
                    .build())
            .size());

    TrackedSnapshot weaker =
        registered(); // asked for less than it had: never done by the clients, never accepted
    weaker.acknowledgedLock(lock(1_800_000_000L, 9, LockStatus.LOCK_STATUS_GOVERNANCE));
    weaker.inDoubt(LOCK_3_DAYS);
    assertEquals(
        1,
        weaker
            .reconcile(
                STORED.toBuilder()
                    .setLock(lock(1_800_000_100L, 3, LockStatus.LOCK_STATUS_GOVERNANCE))
                    .build())
            .size());
  }
}
