package io.lockctl.core.snapshotlock;

import static io.lockctl.core.snapshot.Fixtures.ID;
import static io.lockctl.core.snapshot.Fixtures.REGION;
import static io.lockctl.core.snapshot.Fixtures.T0;
import static io.lockctl.core.snapshot.Fixtures.accepted;
import static io.lockctl.core.snapshot.Fixtures.accomplished;
import static io.lockctl.core.snapshot.Fixtures.fields;
import static io.lockctl.core.snapshot.Fixtures.lock;
import static io.lockctl.core.snapshot.Fixtures.lockDays;
import static io.lockctl.core.snapshot.Fixtures.lockUntil;
import static io.lockctl.core.snapshot.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.SnapshotLock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** LockSnapshot's request checks, and the order the contract gives them. */
class LockSnapshotValidationTest {
  private static final Instant NOW = T0.plus(Duration.ofHours(1));

  private static LockSnapshotCommand command(
      String region, String id, LockMode mode, LockTerm term, int coolOff, String keyRef) {
    return new LockSnapshotCommand(region, id, mode, term, coolOff, keyRef);
  }

  @Test
  void malformedIdentifiersAreAllReported() {
    Rejection rejection =
        rejected(
            lock(
                accomplished(),
                command("Bad_Region", "s-short", LockMode.GOVERNANCE, new LockTerm.Days(1), 0, ""),
                NOW),
            Reason.INVALID_PARAMETER);
    assertEquals(List.of("region_id", "snapshot_id"), fields(rejection));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "1abc", "cn_hangzhou", "abcdefghijklmnopqrstuvwxyz0123456"})
  void regionIdsOutsideThePatternAreRefused(String region) {
    rejected(
        lock(
            accomplished(),
            command(region, ID, LockMode.GOVERNANCE, new LockTerm.Days(1), 0, ""),
            NOW),
        Reason.INVALID_PARAMETER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "s-0123456789abcdefghi",
        "s-0123456789abcdefghijk",
        "S-0123456789abcdefghij",
        "s-0123456789ABCDEFGHIJ",
        "x-0123456789abcdefghij"
      })
  void snapshotIdsOutsideThePatternAreRefused(String id) {
    rejected(
        lock(
            accomplished(),
            command(REGION, id, LockMode.GOVERNANCE, new LockTerm.Days(1), 0, ""),
            NOW),
        Reason.INVALID_PARAMETER);
  }

  @Test
  void aKeyRefIsOnlyForKeyMode() {
    Rejection rejection =
        rejected(
            lock(
                accomplished(),
                command(REGION, ID, LockMode.GOVERNANCE, new LockTerm.Days(1), 0, "my-key"),
                NOW),
            Reason.INVALID_PARAMETER);
    assertEquals(List.of("lock_key_ref"), fields(rejection));
  }

  @Test
  void keyModeRequiresAKeyRef() {
    Rejection rejection =
        rejected(
            lock(
                accomplished(),
                command(REGION, ID, LockMode.KEY, new LockTerm.Days(1), 0, ""),
                NOW),
            Reason.INVALID_PARAMETER);
    assertEquals(List.of("lock_key_ref"), fields(rejection));
  }

  @Test
  void malformedFieldsComeBeforeTheMode() {
    rejected(
        lock(accomplished(), command("Bad", ID, null, null, 99, ""), NOW),
        Reason.INVALID_PARAMETER);
  }

  @Test
  void aMissingModeIsInvalidLockMode() {
    Rejection rejection =
        rejected(
            lock(accomplished(), command(REGION, ID, null, new LockTerm.Days(1), 0, ""), NOW),
            Reason.INVALID_LOCK_MODE);
    assertEquals(List.of("lock_mode"), fields(rejection));
  }

  @Test
  void theModeComesBeforeTheTerm() {
    rejected(
        lock(accomplished(), command(REGION, ID, null, null, 0, ""), NOW),
        Reason.INVALID_LOCK_MODE);
  }

  @Test
  void aMissingTermIsInvalidLockDuration() {
    rejected(
        lock(accomplished(), command(REGION, ID, LockMode.GOVERNANCE, null, 0, ""), NOW),
        Reason.INVALID_LOCK_DURATION);
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 36501, Integer.MAX_VALUE})
  void daysOutsideTheRangeAreInvalidLockDuration(int days) {
    Rejection rejection =
        rejected(
            lock(accomplished(), lockDays(LockMode.GOVERNANCE, days, 0), NOW),
            Reason.INVALID_LOCK_DURATION);
    assertEquals(List.of("lock_duration_days"), fields(rejection));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 36500})
  void daysAtTheRangeEndsAreAccepted(int days) {
    SnapshotLock lock =
        accepted(lock(accomplished(), lockDays(LockMode.GOVERNANCE, days, 0), NOW)).lock();
    assertEquals(new LockTerm.Days(days), lock.term());
  }

  @Test
  void anExpireTimeNotAfterNowIsInvalidLockDuration() {
    rejected(
        lock(accomplished(), lockUntil(LockMode.GOVERNANCE, NOW, 0), NOW),
        Reason.INVALID_LOCK_DURATION);
    Rejection past =
        rejected(
            lock(accomplished(), lockUntil(LockMode.GOVERNANCE, NOW.minusMillis(1), 0), NOW),
            Reason.INVALID_LOCK_DURATION);
    assertEquals(List.of("expire_time"), fields(past));
  }

  @Test
  void anExpireTimeIsComparedAtMillisecondPrecision() {
    rejected(
        lock(accomplished(), lockUntil(LockMode.GOVERNANCE, NOW.plusNanos(999_999), 0), NOW),
        Reason.INVALID_LOCK_DURATION);
    SnapshotLock lock =
        accepted(
                lock(
                    accomplished(),
                    lockUntil(LockMode.GOVERNANCE, NOW.plusMillis(1).plusNanos(5), 0),
                    NOW))
            .lock();
    assertEquals(new LockTerm.Until(NOW.plusMillis(1)), lock.term());
  }

  @Test
  void theTermComesBeforeTheCoolOff() {
    rejected(
        lock(accomplished(), lockDays(LockMode.COMPLIANCE, 0, 99), NOW),
        Reason.INVALID_LOCK_DURATION);
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 73})
  void aCoolOffOutside0To72IsInvalid(int hours) {
    Rejection rejection =
        rejected(
            lock(accomplished(), lockDays(LockMode.COMPLIANCE, 30, hours), NOW),
            Reason.INVALID_COOL_OFF_PERIOD);
    assertEquals(List.of("cool_off_period_hours"), fields(rejection));
  }

  @Test
  void aCoolOffOf72HoursIsAccepted() {
    assertEquals(
        72,
        accepted(lock(accomplished(), lockDays(LockMode.COMPLIANCE, 4, 72), NOW))
            .lock()
            .coolOffHours());
  }

  @Test
  void aCoolOffIsOnlyForComplianceMode() {
    rejected(
        lock(accomplished(), lockDays(LockMode.GOVERNANCE, 30, 1), NOW),
        Reason.INVALID_COOL_OFF_PERIOD);
    rejected(
        lock(
            accomplished(),
            command(REGION, ID, LockMode.KEY, new LockTerm.Days(30), 1, "my-key"),
            NOW),
        Reason.INVALID_COOL_OFF_PERIOD);
  }

  @Test
  void requestChecksComeBeforeTheSnapshotsExistence() {
    rejected(
        lock(null, lockDays(LockMode.COMPLIANCE, 30, 80), NOW), Reason.INVALID_COOL_OFF_PERIOD);
    rejected(lock(null, lockDays(LockMode.COMPLIANCE, 30, 0), NOW), Reason.SNAPSHOT_NOT_FOUND);
  }

  @Test
  void keyModeFailsLastOnAKeyThatMayNotLock() {
    Rejection notFound =
        Rejection.of(
            Reason.LOCK_KEY_NOT_FOUND,
            "lock key my-key not found",
            Map.of("lock_key_ref", "my-key"));
    Rejection rejection =
        rejected(
            SnapshotLockDecisions.lock(
                accomplished(),
                command(REGION, ID, LockMode.KEY, new LockTerm.Days(30), 0, "my-key"),
                Decision.reject(notFound),
                NOW),
            Reason.LOCK_KEY_NOT_FOUND);
    assertEquals(Map.of("lock_key_ref", "my-key"), rejection.metadata());
  }

  @Test
  void keyModeChecksTheSnapshotBeforeTheKey() {
    Decision<String> notFound = Decision.reject(Rejection.of(Reason.LOCK_KEY_NOT_FOUND, "no key"));
    rejected(
        SnapshotLockDecisions.lock(
            accomplished().withShared(true),
            command(REGION, ID, LockMode.KEY, new LockTerm.Days(30), 0, "my-key"),
            notFound,
            NOW),
        Reason.SHARED_SNAPSHOT_UNSUPPORTED);
    rejected(
        SnapshotLockDecisions.lock(
            null,
            command(REGION, ID, LockMode.KEY, new LockTerm.Days(30), 0, "my-key"),
            notFound,
            NOW),
        Reason.SNAPSHOT_NOT_FOUND);
    rejected(
        SnapshotLockDecisions.lock(
            accomplished().withRetentionDays(10),
            command(REGION, ID, LockMode.KEY, new LockTerm.Days(30), 0, "my-key"),
            notFound,
            NOW),
        Reason.LOCK_DURATION_EXCEEDS_RETENTION);
  }
}
