package io.lockctl.core.snapshot;

import static io.lockctl.core.snapshot.Fixtures.ID;
import static io.lockctl.core.snapshot.Fixtures.REGION;
import static io.lockctl.core.snapshot.Fixtures.T0;
import static io.lockctl.core.snapshot.Fixtures.accepted;
import static io.lockctl.core.snapshot.Fixtures.accomplished;
import static io.lockctl.core.snapshot.Fixtures.at;
import static io.lockctl.core.snapshot.Fixtures.days;
import static io.lockctl.core.snapshot.Fixtures.fields;
import static io.lockctl.core.snapshot.Fixtures.lockDays;
import static io.lockctl.core.snapshot.Fixtures.lockUntil;
import static io.lockctl.core.snapshot.Fixtures.locked;
import static io.lockctl.core.snapshot.Fixtures.progressing;
import static io.lockctl.core.snapshot.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** UpdateSnapshot: the field mask, the status transitions, and never weakening an active lock. */
class UpdateDecisionsTest {

  private static UpdateSnapshotCommand status(SnapshotStatus status) {
    return new UpdateSnapshotCommand(REGION, ID, List.of("status"), status, 0, false, Map.of());
  }

  private static UpdateSnapshotCommand retention(int days) {
    return new UpdateSnapshotCommand(
        REGION, ID, List.of("retention_days"), null, days, false, Map.of());
  }

  private static UpdateSnapshotCommand shared(boolean shared) {
    return new UpdateSnapshotCommand(REGION, ID, List.of("shared"), null, 0, shared, Map.of());
  }

  private static Decision<Snapshot> update(
      Snapshot snapshot, UpdateSnapshotCommand command, Instant now) {
    return SnapshotDecisions.update(snapshot, command, now);
  }

  @Nested
  class Mask {
    @Test
    void anEmptyMaskIsRefused() {
      assertEquals(
          List.of("update_mask"),
          fields(
              rejected(
                  update(
                      accomplished(),
                      new UpdateSnapshotCommand(REGION, ID, List.of(), null, 0, false, Map.of()),
                      T0),
                  Reason.INVALID_PARAMETER)));
    }

    @Test
    void onlyTheFourFieldsMayBeNamed() {
      assertEquals(
          List.of("update_mask", "update_mask"),
          fields(
              rejected(
                  update(
                      accomplished(),
                      new UpdateSnapshotCommand(
                          REGION,
                          ID,
                          List.of("tags", "managed_by", "create_time"),
                          null,
                          0,
                          false,
                          Map.of()),
                      T0),
                  Reason.INVALID_PARAMETER)));
    }

    @Test
    void namedValuesAreValidatedAndOthersIgnored() {
      UpdateSnapshotCommand badValues =
          new UpdateSnapshotCommand(
              REGION,
              ID,
              List.of("status", "retention_days", "tags"),
              null,
              -5,
              false,
              Map.of("aws:k", "v"));
      assertEquals(
          List.of("snapshot.status", "snapshot.retention_days", "snapshot.tags[aws:k]"),
          fields(rejected(update(accomplished(), badValues, T0), Reason.INVALID_PARAMETER)));
      UpdateSnapshotCommand onlyShared =
          new UpdateSnapshotCommand(
              REGION, ID, List.of("shared"), null, -5, true, Map.of("aws:k", "v"));
      assertEquals(
          accomplished().withShared(true), accepted(update(accomplished(), onlyShared, T0)));
    }

    @Test
    void fieldsAreCheckedBeforeTheSnapshotIsLookedUp() {
      rejected(update(null, retention(-1), T0), Reason.INVALID_PARAMETER);
      rejected(update(null, retention(1), T0), Reason.SNAPSHOT_NOT_FOUND);
    }

    @Test
    void tagsReplaceTheWholeMap() {
      Snapshot tagged = accomplished().withTags(Map.of("a", "1", "b", "2"));
      Snapshot updated =
          accepted(
              update(
                  tagged,
                  new UpdateSnapshotCommand(
                      REGION, ID, List.of("tags"), null, 0, false, Map.of("c", "3")),
                  T0));
      assertEquals(Map.of("c", "3"), updated.tags());
    }
  }

  @Nested
  class Status {
    @ParameterizedTest
    @CsvSource({"PROGRESSING,ACCOMPLISHED", "PROGRESSING,FAILED"})
    void progressingMovesOn(SnapshotStatus from, SnapshotStatus to) {
      assertEquals(to, accepted(update(Fixtures.snapshot(from), status(to), T0)).status());
    }

    @ParameterizedTest
    @CsvSource({
      "ACCOMPLISHED,PROGRESSING",
      "ACCOMPLISHED,FAILED",
      "FAILED,PROGRESSING",
      "FAILED,ACCOMPLISHED"
    })
    void nothingElseMoves(SnapshotStatus from, SnapshotStatus to) {
      rejected(
          update(Fixtures.snapshot(from), status(to), T0),
          Reason.INVALID_SNAPSHOT_STATUS_TRANSITION);
    }

    @ParameterizedTest
    @CsvSource({"PROGRESSING", "ACCOMPLISHED", "FAILED"})
    void theSameStatusChangesNothing(SnapshotStatus same) {
      Snapshot snapshot = Fixtures.snapshot(same);
      assertSame(snapshot, accepted(update(snapshot, status(same), T0)));
    }

    @Test
    void becomingAccomplishedStartsAPendingLock() {
      Snapshot pending = locked(progressing(), lockDays(LockMode.COMPLIANCE, 10, 0), T0);
      Instant now = at(days(5));
      SnapshotLock lock =
          accepted(update(pending, status(SnapshotStatus.ACCOMPLISHED), now)).lock();
      assertEquals(
          new SnapshotLock(LockMode.COMPLIANCE, T0, 0, new LockTerm.Days(10), now, null, 2), lock);
      assertEquals(LockStatus.COMPLIANCE, lock.statusAt(at(days(15)).minusMillis(1)));
      assertEquals(LockStatus.EXPIRED, lock.statusAt(at(days(15))));
    }

    @Test
    void becomingAccomplishedLeavesAnExpireTimeWhereItWas() {
      Snapshot pending = locked(progressing(), lockUntil(LockMode.GOVERNANCE, at(days(3)), 0), T0);
      SnapshotLock lock =
          accepted(update(pending, status(SnapshotStatus.ACCOMPLISHED), at(days(1)))).lock();
      assertEquals(Optional.of(at(days(3))), lock.expireTime());
      assertEquals(at(days(1)), lock.durationStartTime());
    }

    @Test
    void anActiveLockForbidsFailing() {
      Snapshot pending = locked(progressing(), lockDays(LockMode.GOVERNANCE, 10, 0), T0);
      Rejection rejection =
          rejected(
              update(pending, status(SnapshotStatus.FAILED), at(days(100))),
              Reason.SNAPSHOT_LOCKED);
      assertEquals(Map.of("lock_status", "GOVERNANCE"), rejection.metadata());
    }

    @Test
    void anExpiredLockDoesNotForbidFailing() {
      Snapshot expired = locked(progressing(), lockUntil(LockMode.COMPLIANCE, at(days(1)), 0), T0);
      assertEquals(
          SnapshotStatus.FAILED,
          accepted(update(expired, status(SnapshotStatus.FAILED), at(days(1)))).status());
    }
  }

  @Nested
  class Retention {
    /** Created at T0, locked from T0 + 1 day for 9 days: the lock ends at T0 + 10 days. */
    private final Snapshot locked =
        locked(accomplished(), lockDays(LockMode.COMPLIANCE, 9, 0), at(days(1)));

    @Test
    void retentionMayEndExactlyWithTheLock() {
      assertEquals(10, accepted(update(locked, retention(10), at(days(2)))).retentionDays());
    }

    @Test
    void retentionEndingBeforeTheLockIsRefused() {
      Rejection rejection =
          rejected(update(locked, retention(9), at(days(2))), Reason.SNAPSHOT_LOCKED);
      assertEquals(
          Map.of("lock_status", "COMPLIANCE", "lock_expired_time", "2030-01-11T00:00:00Z"),
          rejection.metadata());
    }

    @Test
    void keepingUntilDeletedIsAlwaysAllowed() {
      assertEquals(
          0,
          accepted(update(locked.withRetentionDays(50), retention(0), at(days(2))))
              .retentionDays());
    }

    @Test
    void anExpiredLockNoLongerLimitsRetention() {
      assertEquals(1, accepted(update(locked, retention(1), at(days(10)))).retentionDays());
    }

    @Test
    void aPendingLockCountsItsDaysFromNow() {
      Snapshot pending = locked(progressing(), lockDays(LockMode.GOVERNANCE, 10, 0), T0);
      accepted(update(pending, retention(12), at(days(2))));
      rejected(update(pending, retention(12), at(days(2)).plusMillis(1)), Reason.SNAPSHOT_LOCKED);
    }

    @Test
    void theStatusChangeComesFirstWhenBothAreNamed() {
      Snapshot pending = locked(progressing(), lockDays(LockMode.GOVERNANCE, 10, 0), T0);
      UpdateSnapshotCommand both =
          new UpdateSnapshotCommand(
              REGION,
              ID,
              List.of("retention_days", "status"),
              SnapshotStatus.ACCOMPLISHED,
              12,
              false,
              Map.of());
      Snapshot updated = accepted(update(pending, both, at(days(2))));
      assertEquals(Optional.of(at(days(12))), updated.lock().expireTime());
      assertEquals(12, updated.retentionDays());
    }
  }

  @Nested
  class Sharing {
    @Test
    void anActiveLockForbidsSharing() {
      Snapshot governed = locked(accomplished(), lockDays(LockMode.GOVERNANCE, 10, 0), T0);
      rejected(update(governed, shared(true), at(days(1))), Reason.SNAPSHOT_LOCKED);
      assertEquals(false, accepted(update(governed, shared(false), at(days(1)))).shared());
    }

    @Test
    void anExpiredLockDoesNotForbidSharing() {
      Snapshot governed = locked(accomplished(), lockDays(LockMode.GOVERNANCE, 10, 0), T0);
      assertEquals(true, accepted(update(governed, shared(true), at(days(10)))).shared());
    }
  }
}
