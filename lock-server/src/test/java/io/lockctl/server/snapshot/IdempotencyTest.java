package io.lockctl.server.snapshot;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.compliance;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static io.lockctl.server.testing.Requests.unlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.UnlockSnapshotResponse;
import io.lockctl.v1.UpdateSnapshotRequest;
import io.lockctl.v1.UpdateSnapshotResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** client_token and dry_run, through every mutating RPC. */
class IdempotencyTest {
  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  @Test
  void aReplayReturnsTheSameBytesAndChangesNothing() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    LockSnapshotResponse first =
        lockctl
            .locks()
            .lockSnapshot(compliance(snapshotId(1), 30, 24).setClientToken("lock-1").build());
    lockctl.clock().advance(Duration.ofHours(1));

    LockSnapshotResponse replay =
        lockctl
            .locks()
            .lockSnapshot(compliance(snapshotId(1), 30, 24).setClientToken("lock-1").build());

    assertEquals(first.toByteString(), replay.toByteString());
    // a real relock in the cool-off would have reset the creation time to now
    assertEquals(
        first.getLockedSnapshotInfo().getLockCreationTime(),
        get(snapshotId(1)).getLock().getLockCreationTime());
  }

  @Test
  void aReplayedRegistrationReturnsTheSameGeneratedIdAndRegistersOnce() {
    RegisterSnapshotResponse first =
        lockctl
            .snapshots()
            .registerSnapshot(
                register("").putTags("a", "1").putTags("b", "2").setClientToken("reg").build());
    RegisterSnapshotResponse replay =
        lockctl
            .snapshots()
            .registerSnapshot(
                register("").putTags("b", "2").putTags("a", "1").setClientToken("reg").build());

    assertEquals(first.toByteString(), replay.toByteString());
    assertEquals(
        1,
        lockctl
            .snapshots()
            .listSnapshots(ListSnapshotsRequest.newBuilder().setRegionId(REGION).build())
            .getSnapshotsCount());
  }

  @Test
  void everyMutationReplays() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).setRetentionDays(30).build());
    UpdateSnapshotRequest update =
        UpdateSnapshotRequest.newBuilder()
            .setRegionId(REGION)
            .setSnapshotId(snapshotId(1))
            .setSnapshot(Snapshot.newBuilder().setRetentionDays(60))
            .setUpdateMask(FieldMask.newBuilder().addPaths("retention_days"))
            .setClientToken("u")
            .build();
    UpdateSnapshotResponse updated = lockctl.snapshots().updateSnapshot(update);
    lockctl.locks().lockSnapshot(governance(snapshotId(1), 5).build());
    UnlockSnapshotResponse unlocked =
        lockctl.locks().unlockSnapshot(unlock(snapshotId(1)).setClientToken("un").build());
    DeleteSnapshotRequest delete =
        DeleteSnapshotRequest.newBuilder()
            .setRegionId(REGION)
            .setSnapshotId(snapshotId(1))
            .setClientToken("del")
            .build();
    var deleted = lockctl.snapshots().deleteSnapshot(delete);

    assertEquals(updated.toByteString(), lockctl.snapshots().updateSnapshot(update).toByteString());
    assertEquals(
        unlocked.toByteString(),
        lockctl
            .locks()
            .unlockSnapshot(unlock(snapshotId(1)).setClientToken("un").build())
            .toByteString());
    assertEquals(deleted.toByteString(), lockctl.snapshots().deleteSnapshot(delete).toByteString());
  }

  @Test
  void aTokenReusedWithAnotherRequestIsRefused() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl.locks().lockSnapshot(governance(snapshotId(1), 5).setClientToken("t").build());

    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "IDEMPOTENT_PARAMETER_MISMATCH",
        () ->
            lockctl.locks().lockSnapshot(governance(snapshotId(1), 6).setClientToken("t").build()));
    assertEquals(5, get(snapshotId(1)).getLock().getLockDurationDays());
  }

  @Test
  void tokensArePerCallerAndPerRpc() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl.locksAs("alice").lockSnapshot(governance(snapshotId(1), 5).setClientToken("t").build());

    lockctl.locksAs("bob").lockSnapshot(governance(snapshotId(1), 6).setClientToken("t").build());
    lockctl.locks().lockSnapshot(governance(snapshotId(1), 7).setClientToken("t").build());
    lockctl
        .snapshotsAs("alice")
        .registerSnapshot(register(snapshotId(2)).setClientToken("t").build());

    assertEquals(7, get(snapshotId(1)).getLock().getLockDurationDays());
    assertEquals(snapshotId(2), get(snapshotId(2)).getSnapshotId());
  }

  @Test
  void aFailedCallDoesNotUseUpItsToken() {
    assertRefused(
        Status.Code.NOT_FOUND,
        "SNAPSHOT_NOT_FOUND",
        () ->
            lockctl.locks().lockSnapshot(governance(snapshotId(1), 5).setClientToken("t").build()));
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());

    LockSnapshotResponse locked =
        lockctl.locks().lockSnapshot(governance(snapshotId(1), 5).setClientToken("t").build());

    assertEquals(5, locked.getLockedSnapshotInfo().getLockDurationDays());
  }

  @Test
  void aDryRunReturnsWhatTheRealCallWouldAndChangesNothing() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());

    LockSnapshotResponse dry =
        lockctl.locks().lockSnapshot(compliance(snapshotId(1), 30, 24).setDryRun(true).build());
    assertFalse(get(snapshotId(1)).hasLock());
    LockSnapshotResponse real =
        lockctl.locks().lockSnapshot(compliance(snapshotId(1), 30, 24).build());

    assertEquals(real, dry);
  }

  @Test
  void aDryRunOfEachMutationPersistsNothing() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(2)).setDryRun(true).build());
    assertRefused(Status.Code.NOT_FOUND, "SNAPSHOT_NOT_FOUND", () -> get(snapshotId(2)));

    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).setRetentionDays(30).build());
    Snapshot dryUpdate =
        lockctl
            .snapshots()
            .updateSnapshot(
                UpdateSnapshotRequest.newBuilder()
                    .setRegionId(REGION)
                    .setSnapshotId(snapshotId(1))
                    .setDryRun(true)
                    .setSnapshot(Snapshot.newBuilder().setRetentionDays(60))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("retention_days"))
                    .build())
            .getSnapshot();
    assertEquals(60, dryUpdate.getRetentionDays());
    assertEquals(30, get(snapshotId(1)).getRetentionDays());

    lockctl.locks().lockSnapshot(governance(snapshotId(1), 5).build());
    lockctl.locks().unlockSnapshot(unlock(snapshotId(1)).setDryRun(true).build());
    assertTrue(get(snapshotId(1)).hasLock());
    lockctl.locks().unlockSnapshot(unlock(snapshotId(1)).build());

    lockctl
        .snapshots()
        .deleteSnapshot(
            DeleteSnapshotRequest.newBuilder()
                .setRegionId(REGION)
                .setSnapshotId(snapshotId(1))
                .setDryRun(true)
                .build());
    assertEquals(snapshotId(1), get(snapshotId(1)).getSnapshotId());
  }

  @Test
  void aDryRunIsRefusedAsTheRealCallWouldBe() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl.locks().lockSnapshot(compliance(snapshotId(1), 30, 0).build());

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "COOL_OFF_PERIOD_EXPIRED",
        () -> lockctl.locks().unlockSnapshot(unlock(snapshotId(1)).setDryRun(true).build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_LOCKED",
        () ->
            lockctl
                .snapshots()
                .deleteSnapshot(
                    DeleteSnapshotRequest.newBuilder()
                        .setRegionId(REGION)
                        .setSnapshotId(snapshotId(1))
                        .setDryRun(true)
                        .build()));
  }

  @Test
  void aDryRunDoesNotUseUpItsToken() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl
        .locks()
        .lockSnapshot(governance(snapshotId(1), 5).setClientToken("t").setDryRun(true).build());

    LockSnapshotResponse real =
        lockctl.locks().lockSnapshot(governance(snapshotId(1), 6).setClientToken("t").build());

    assertEquals(6, real.getLockedSnapshotInfo().getLockDurationDays());
  }

  @Test
  void aMalformedTokenIsInvalid() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());

    assertInvalidField(
        "INVALID_PARAMETER",
        "client_token",
        () ->
            lockctl
                .locks()
                .lockSnapshot(governance(snapshotId(1), 5).setClientToken("x".repeat(65)).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "client_token",
        () ->
            lockctl
                .locks()
                .lockSnapshot(governance(snapshotId(1), 5).setClientToken("tab\there").build()));
    assertFalse(get(snapshotId(1)).hasLock());
  }

  private Snapshot get(String id) {
    return lockctl
        .snapshots()
        .getSnapshot(GetSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(id).build())
        .getSnapshot();
  }
}
