package io.lockctl.core.snapshot;

import static io.lockctl.core.snapshot.Fixtures.ID;
import static io.lockctl.core.snapshot.Fixtures.REGION;
import static io.lockctl.core.snapshot.Fixtures.T0;
import static io.lockctl.core.snapshot.Fixtures.accepted;
import static io.lockctl.core.snapshot.Fixtures.accomplished;
import static io.lockctl.core.snapshot.Fixtures.at;
import static io.lockctl.core.snapshot.Fixtures.days;
import static io.lockctl.core.snapshot.Fixtures.lockDays;
import static io.lockctl.core.snapshot.Fixtures.locked;
import static io.lockctl.core.snapshot.Fixtures.progressing;
import static io.lockctl.core.snapshot.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DeleteSnapshot without rules: refused while a lock is active, otherwise for good. */
class DeleteDecisionsTest {

  private static Decision<SnapshotDecisions.Deletion> delete(Snapshot snapshot, Instant now) {
    return SnapshotDecisions.delete(snapshot, REGION, ID, List.of(), now);
  }

  @Test
  void anUnlockedSnapshotIsDeletedForGood() {
    assertEquals(
        new SnapshotDecisions.Deletion.ForGood(new DeletedSnapshot(ID, List.of(), null)),
        accepted(delete(accomplished(), T0)));
  }

  @Test
  void anActiveLockForbidsDeletionAndIsDescribed() {
    Snapshot coolingOff = locked(accomplished(), lockDays(LockMode.COMPLIANCE, 10, 24), T0);
    Rejection rejection =
        rejected(delete(coolingOff, at(days(1)).minusMillis(1)), Reason.SNAPSHOT_LOCKED);
    assertEquals(
        Map.of("lock_status", "COMPLIANCE_COOLOFF", "lock_expired_time", "2030-01-11T00:00:00Z"),
        rejection.metadata());
  }

  @Test
  void aPendingLockForbidsDeletionWithoutAnExpiry() {
    Snapshot pending = locked(progressing(), lockDays(LockMode.GOVERNANCE, 1, 0), T0);
    assertEquals(
        Map.of("lock_status", "GOVERNANCE"),
        rejected(delete(pending, at(days(400))), Reason.SNAPSHOT_LOCKED).metadata());
  }

  @Test
  void anExpiredLockNoLongerProtects() {
    Snapshot locked = locked(accomplished(), lockDays(LockMode.COMPLIANCE, 10, 0), T0);
    rejected(delete(locked, at(days(10)).minusMillis(1)), Reason.SNAPSHOT_LOCKED);
    accepted(delete(locked, at(days(10))));
  }

  @Test
  void anUnknownSnapshotIsNotFound() {
    rejected(delete(null, T0), Reason.SNAPSHOT_NOT_FOUND);
    rejected(
        SnapshotDecisions.delete(null, REGION, "nope", List.of(), T0), Reason.INVALID_PARAMETER);
  }
}
