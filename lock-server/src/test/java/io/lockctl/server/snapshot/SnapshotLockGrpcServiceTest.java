package io.lockctl.server.snapshot;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.compliance;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.lock;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static io.lockctl.server.testing.Requests.unlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.Refusals.Refusal;
import io.lockctl.v1.DescribeLockedSnapshotsRequest;
import io.lockctl.v1.DescribeLockedSnapshotsResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotStatus;
import io.lockctl.v1.UnlockSnapshotResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SnapshotLockGrpcServiceTest {
  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  @Test
  void aComplianceLockReportsEveryTime() {
    registered(1);
    Instant now = lockctl.now();

    LockedSnapshotInfo info =
        lockctl
            .locks()
            .lockSnapshot(compliance(snapshotId(1), 30, 24).build())
            .getLockedSnapshotInfo();

    assertEquals(
        LockedSnapshotInfo.newBuilder()
            .setSnapshotId(snapshotId(1))
            .setLockMode(LockMode.LOCK_MODE_COMPLIANCE)
            .setLockStatus(LockStatus.LOCK_STATUS_COMPLIANCE_COOLOFF)
            .setLockCreationTime(ProtoTime.toTimestamp(now))
            .setCoolOffPeriodHours(24)
            .setCoolOffPeriodExpiredTime(ProtoTime.toTimestamp(now.plus(Duration.ofHours(24))))
            .setLockDurationDays(30)
            .setLockDurationStartTime(ProtoTime.toTimestamp(now))
            .setLockExpiredTime(ProtoTime.toTimestamp(now.plus(Duration.ofDays(30))))
            .build(),
        info);
    assertEquals(info, get(snapshotId(1)).getLock());
  }

  @Test
  void aLockWithAnExpireTimeEndsThen() {
    registered(1);
    Instant expiry = lockctl.now().plus(Duration.ofDays(3)).plusMillis(250);

    LockedSnapshotInfo info =
        lockctl
            .locks()
            .lockSnapshot(
                LockSnapshotRequest.newBuilder()
                    .setRegionId(REGION)
                    .setSnapshotId(snapshotId(1))
                    .setLockMode(LockMode.LOCK_MODE_GOVERNANCE)
                    .setExpireTime(ProtoTime.toTimestamp(expiry))
                    .build())
            .getLockedSnapshotInfo();

    assertEquals(LockStatus.LOCK_STATUS_GOVERNANCE, info.getLockStatus());
    assertEquals(0, info.getLockDurationDays());
    assertEquals(ProtoTime.toTimestamp(expiry), info.getLockExpiredTime());
    lockctl.clock().set(expiry);
    assertEquals(LockStatus.LOCK_STATUS_EXPIRED, get(snapshotId(1)).getLock().getLockStatus());
  }

  @Test
  void theCoolOffEndsWithTimeAndThenTheLockCanOnlyBeExtended() {
    registered(1);
    LockedSnapshotInfo original =
        lockctl
            .locks()
            .lockSnapshot(compliance(snapshotId(1), 30, 24).build())
            .getLockedSnapshotInfo();

    lockctl.clock().advance(Duration.ofHours(24));
    assertEquals(LockStatus.LOCK_STATUS_COMPLIANCE, get(snapshotId(1)).getLock().getLockStatus());
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "COOL_OFF_PERIOD_EXPIRED",
        () -> lockctl.locks().unlockSnapshot(unlock(snapshotId(1)).build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "COOL_OFF_PERIOD_EXPIRED",
        () -> lockctl.locks().lockSnapshot(compliance(snapshotId(1), 20, 0).build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "COOL_OFF_PERIOD_EXPIRED",
        () -> lockctl.locks().lockSnapshot(compliance(snapshotId(1), 40, 1).build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "COOL_OFF_PERIOD_EXPIRED",
        () -> lockctl.locks().lockSnapshot(governance(snapshotId(1), 40).build()));

    LockedSnapshotInfo extended =
        lockctl
            .locks()
            .lockSnapshot(compliance(snapshotId(1), 40, 0).build())
            .getLockedSnapshotInfo();
    assertEquals(LockStatus.LOCK_STATUS_COMPLIANCE, extended.getLockStatus());
    assertEquals(original.getLockCreationTime(), extended.getLockCreationTime());
    assertEquals(original.getLockDurationStartTime(), extended.getLockDurationStartTime());
    assertEquals(40, extended.getLockDurationDays());
  }

  @Test
  void aLockInItsCoolOffCanBeRemoved() {
    registered(1);
    LockedSnapshotInfo locked =
        lockctl
            .locks()
            .lockSnapshot(compliance(snapshotId(1), 30, 24).build())
            .getLockedSnapshotInfo();
    lockctl.clock().advance(Duration.ofHours(23));

    UnlockSnapshotResponse unlocked = lockctl.locks().unlockSnapshot(unlock(snapshotId(1)).build());

    assertEquals(snapshotId(1), unlocked.getSnapshotId());
    assertEquals(locked, unlocked.getRemovedLock());
    assertFalse(get(snapshotId(1)).hasLock());
  }

  @Test
  void aGovernanceLockCanBeChangedAndRemoved() {
    registered(1);
    lockctl.locks().lockSnapshot(governance(snapshotId(1), 30).build());

    LockedSnapshotInfo shorter =
        lockctl.locks().lockSnapshot(governance(snapshotId(1), 5).build()).getLockedSnapshotInfo();
    assertEquals(5, shorter.getLockDurationDays());

    UnlockSnapshotResponse unlocked = lockctl.locks().unlockSnapshot(unlock(snapshotId(1)).build());
    assertEquals(LockStatus.LOCK_STATUS_GOVERNANCE, unlocked.getRemovedLock().getLockStatus());
    assertFalse(get(snapshotId(1)).hasLock());
  }

  @Test
  void anExpiredLockIsNotLockedAndCanBeReplaced() {
    registered(1);
    lockctl.locks().lockSnapshot(compliance(snapshotId(1), 1, 0).build());
    lockctl.clock().advance(Duration.ofDays(1));

    assertEquals(LockStatus.LOCK_STATUS_EXPIRED, get(snapshotId(1)).getLock().getLockStatus());
    assertRefused(
        Status.Code.NOT_FOUND,
        "SNAPSHOT_NOT_LOCKED",
        () -> lockctl.locks().unlockSnapshot(unlock(snapshotId(1)).build()));
    LockedSnapshotInfo renewed =
        lockctl.locks().lockSnapshot(governance(snapshotId(1), 3).build()).getLockedSnapshotInfo();
    assertEquals(ProtoTime.toTimestamp(lockctl.now()), renewed.getLockCreationTime());
  }

  @Test
  void unlockingANeverLockedSnapshotIsNotLocked() {
    registered(1);

    assertRefused(
        Status.Code.NOT_FOUND,
        "SNAPSHOT_NOT_LOCKED",
        () -> lockctl.locks().unlockSnapshot(unlock(snapshotId(1)).build()));
    assertRefused(
        Status.Code.NOT_FOUND,
        "SNAPSHOT_NOT_FOUND",
        () -> lockctl.locks().unlockSnapshot(unlock(snapshotId(2)).build()));
  }

  @Test
  void lockParametersAreValidated() {
    registered(1);
    String id = snapshotId(1);

    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_LOCK_MODE",
        () -> lockctl.locks().lockSnapshot(lock(id, LockMode.LOCK_MODE_UNSPECIFIED, 5).build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_LOCK_MODE",
        () ->
            lockctl
                .locks()
                .lockSnapshot(
                    lock(id, LockMode.LOCK_MODE_UNSPECIFIED, 5).setLockModeValue(99).build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_LOCK_DURATION",
        () -> lockctl.locks().lockSnapshot(governance(id, 0).build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_LOCK_DURATION",
        () -> lockctl.locks().lockSnapshot(governance(id, 36501).build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_LOCK_DURATION",
        () -> lockctl.locks().lockSnapshot(governance(id, 1).clearTerm().build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_LOCK_DURATION",
        () ->
            lockctl
                .locks()
                .lockSnapshot(
                    governance(id, 1).setExpireTime(ProtoTime.toTimestamp(lockctl.now())).build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_COOL_OFF_PERIOD",
        () -> lockctl.locks().lockSnapshot(compliance(id, 30, 73).build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_COOL_OFF_PERIOD",
        () -> lockctl.locks().lockSnapshot(compliance(id, 30, -1).build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_COOL_OFF_PERIOD",
        () -> lockctl.locks().lockSnapshot(governance(id, 30).setCoolOffPeriodHours(1).build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "COOL_OFF_EXCEEDS_LOCK_DURATION",
        () -> lockctl.locks().lockSnapshot(compliance(id, 1, 24).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "expire_time",
        () ->
            lockctl
                .locks()
                .lockSnapshot(
                    governance(id, 1)
                        .setExpireTime(Timestamp.newBuilder().setSeconds(Long.MAX_VALUE))
                        .build()));
    for (Timestamp extreme :
        List.of(
            Timestamp.newBuilder().setSeconds(Long.MIN_VALUE).build(),
            Timestamp.newBuilder().setSeconds(Long.MIN_VALUE).setNanos(-1).build(),
            Timestamp.newBuilder().setSeconds(1).setNanos(Integer.MIN_VALUE).build())) {
      assertInvalidField(
          "INVALID_PARAMETER",
          "expire_time",
          () -> lockctl.locks().lockSnapshot(governance(id, 1).setExpireTime(extreme).build()));
    }
    assertInvalidField(
        "INVALID_PARAMETER",
        "snapshot_id",
        () -> lockctl.locks().lockSnapshot(governance("nope", 1).build()));
    assertFalse(get(id).hasLock());
  }

  @Test
  void aLockMayNotOutliveTheSnapshotsRetention() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).setRetentionDays(10).build());

    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "LOCK_DURATION_EXCEEDS_RETENTION",
        () -> lockctl.locks().lockSnapshot(governance(snapshotId(1), 11).build()));
    assertEquals(
        10,
        lockctl
            .locks()
            .lockSnapshot(governance(snapshotId(1), 10).build())
            .getLockedSnapshotInfo()
            .getLockDurationDays());
  }

  @Test
  void onlyAvailableUnsharedUnmanagedSnapshotsCanBeLocked() {
    lockctl
        .snapshots()
        .registerSnapshot(
            register(snapshotId(1)).setStatus(SnapshotStatus.SNAPSHOT_STATUS_FAILED).build());
    lockctl
        .snapshots()
        .registerSnapshot(register(snapshotId(2)).setManagedBy("backup-vault").build());
    lockctl.snapshots().registerSnapshot(register(snapshotId(3)).setShared(true).build());

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_NOT_AVAILABLE",
        () -> lockctl.locks().lockSnapshot(governance(snapshotId(1), 5).build()));
    Refusal managed =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "RESOURCE_MANAGED_BY_PRODUCT",
            () -> lockctl.locks().lockSnapshot(governance(snapshotId(2), 5).build()));
    assertEquals("backup-vault", managed.errorInfo().getMetadataOrThrow("managed_by"));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SHARED_SNAPSHOT_UNSUPPORTED",
        () -> lockctl.locks().lockSnapshot(governance(snapshotId(3), 5).build()));
    assertRefused(
        Status.Code.NOT_FOUND,
        "SNAPSHOT_NOT_FOUND",
        () -> lockctl.locks().lockSnapshot(governance(snapshotId(4), 5).build()));
  }

  @Test
  void aKeyLockNeedsAnExistingKey() {
    registered(1);

    assertRefused(
        Status.Code.NOT_FOUND,
        "LOCK_KEY_NOT_FOUND",
        () ->
            lockctl
                .locks()
                .lockSnapshot(
                    lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 5)
                        .setLockKeyRef("no-such-key")
                        .build()));
    assertFalse(get(snapshotId(1)).hasLock());
  }

  @Test
  void describeListsLockedSnapshotsPageByPageExpiredOnesIncluded() {
    for (int n = 1; n <= 5; n++) {
      registered(n);
    }
    lockctl.locks().lockSnapshot(governance(snapshotId(1), 1).build());
    lockctl.locks().lockSnapshot(governance(snapshotId(2), 9).build());
    lockctl.locks().lockSnapshot(compliance(snapshotId(4), 9, 0).build());
    lockctl.locks().lockSnapshot(compliance(snapshotId(5), 9, 48).build());
    lockctl.clock().advance(Duration.ofDays(1));

    List<LockedSnapshotInfo> seen = new ArrayList<>();
    String token = "";
    do {
      DescribeLockedSnapshotsResponse page =
          lockctl
              .locks()
              .describeLockedSnapshots(describe().setPageSize(3).setPageToken(token).build());
      seen.addAll(page.getLockedSnapshotsList());
      token = page.getNextPageToken();
    } while (!token.isEmpty());

    assertEquals(
        List.of(snapshotId(1), snapshotId(2), snapshotId(4), snapshotId(5)),
        seen.stream().map(LockedSnapshotInfo::getSnapshotId).toList());
    assertEquals(
        List.of(
            LockStatus.LOCK_STATUS_EXPIRED,
            LockStatus.LOCK_STATUS_GOVERNANCE,
            LockStatus.LOCK_STATUS_COMPLIANCE,
            LockStatus.LOCK_STATUS_COMPLIANCE_COOLOFF),
        seen.stream().map(LockedSnapshotInfo::getLockStatus).toList());
  }

  @Test
  void describeFiltersByIdAndStatus() {
    for (int n = 1; n <= 3; n++) {
      registered(n);
      lockctl.locks().lockSnapshot(governance(snapshotId(n), n).build());
    }
    lockctl.clock().advance(Duration.ofDays(1));

    assertEquals(
        List.of(snapshotId(1)),
        describedIds(describe().setLockStatus(LockStatus.LOCK_STATUS_EXPIRED)));
    assertEquals(
        List.of(snapshotId(1), snapshotId(3)),
        describedIds(describe().addSnapshotIds(snapshotId(3)).addSnapshotIds(snapshotId(1))));
    assertInvalidField(
        "INVALID_PAGE_TOKEN", "page_token", () -> describedIds(describe().setPageToken("forged")));
  }

  private void registered(int n) {
    lockctl.snapshots().registerSnapshot(register(snapshotId(n)).build());
  }

  private Snapshot get(String id) {
    return lockctl
        .snapshots()
        .getSnapshot(GetSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(id).build())
        .getSnapshot();
  }

  private List<String> describedIds(DescribeLockedSnapshotsRequest.Builder request) {
    return lockctl
        .locks()
        .describeLockedSnapshots(request.build())
        .getLockedSnapshotsList()
        .stream()
        .map(LockedSnapshotInfo::getSnapshotId)
        .toList();
  }

  private static DescribeLockedSnapshotsRequest.Builder describe() {
    return DescribeLockedSnapshotsRequest.newBuilder().setRegionId(REGION);
  }
}
