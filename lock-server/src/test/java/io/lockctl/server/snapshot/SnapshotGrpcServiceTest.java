package io.lockctl.server.snapshot;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.compliance;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.Refusals.Refusal;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.DeleteSnapshotResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.ListSnapshotsResponse;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotState;
import io.lockctl.v1.SnapshotStatus;
import io.lockctl.v1.UpdateSnapshotRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SnapshotGrpcServiceTest {
  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  @Test
  void registeredSnapshotIsReadBackAsRegistered() {
    Snapshot registered =
        lockctl
            .snapshots()
            .registerSnapshot(
                register(snapshotId(1))
                    .setRetentionDays(90)
                    .setManagedBy("")
                    .putTags("env", "prod")
                    .putTags("team", "")
                    .build())
            .getSnapshot();

    assertEquals(REGION, registered.getRegionId());
    assertEquals(snapshotId(1), registered.getSnapshotId());
    assertEquals(SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED, registered.getStatus());
    assertEquals(SnapshotState.SNAPSHOT_STATE_ACTIVE, registered.getState());
    assertEquals(90, registered.getRetentionDays());
    assertEquals(Map.of("env", "prod", "team", ""), registered.getTagsMap());
    assertEquals(ProtoTime.toTimestamp(lockctl.now()), registered.getCreateTime());
    assertFalse(registered.hasLock());
    assertFalse(registered.hasRetainUntil());
    assertEquals(registered, get(snapshotId(1)));
  }

  @Test
  void registerGeneratesAnIdWhenNoneIsGiven() {
    Snapshot registered = lockctl.snapshots().registerSnapshot(register("").build()).getSnapshot();

    assertTrue(registered.getSnapshotId().matches("^s-[0-9a-z]{20}$"), registered.getSnapshotId());
    assertEquals(registered, get(registered.getSnapshotId()));
  }

  @Test
  void registerKeepsTheGivenCreateTimeAtMillisecondPrecision() {
    var createTime =
        ProtoTime.toTimestamp(lockctl.now().minus(Duration.ofDays(2))).toBuilder()
            .setNanos(123_456_789)
            .build();

    Snapshot registered =
        lockctl
            .snapshots()
            .registerSnapshot(register(snapshotId(1)).setCreateTime(createTime).build())
            .getSnapshot();

    assertEquals(createTime.toBuilder().setNanos(123_000_000).build(), registered.getCreateTime());
  }

  @Test
  void registeringATakenIdIsAlreadyExists() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());

    assertRefused(
        Status.Code.ALREADY_EXISTS,
        "SNAPSHOT_ALREADY_EXISTS",
        () -> lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build()));
  }

  @Test
  void malformedFieldsAreInvalidParameterWithFieldViolations() {
    assertInvalidField(
        "INVALID_PARAMETER",
        "region_id",
        () ->
            lockctl
                .snapshots()
                .registerSnapshot(register(snapshotId(1)).setRegionId("Bad Region").build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "snapshot_id",
        () -> lockctl.snapshots().registerSnapshot(register("snap-1").build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "create_time",
        () ->
            lockctl
                .snapshots()
                .registerSnapshot(
                    register(snapshotId(1))
                        .setCreateTime(com.google.protobuf.Timestamp.newBuilder().setNanos(-1))
                        .build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "page_size",
        () ->
            lockctl
                .snapshots()
                .listSnapshots(
                    ListSnapshotsRequest.newBuilder().setRegionId(REGION).setPageSize(-1).build()));
  }

  @Test
  void unknownSnapshotIsNotFound() {
    assertRefused(Status.Code.NOT_FOUND, "SNAPSHOT_NOT_FOUND", () -> get(snapshotId(404)));
    assertRefused(
        Status.Code.NOT_FOUND,
        "SNAPSHOT_NOT_FOUND",
        () ->
            lockctl
                .snapshots()
                .deleteSnapshot(
                    DeleteSnapshotRequest.newBuilder()
                        .setRegionId(REGION)
                        .setSnapshotId(snapshotId(404))
                        .build()));
    assertRefused(
        Status.Code.NOT_FOUND,
        "SNAPSHOT_NOT_FOUND",
        () ->
            lockctl
                .snapshots()
                .updateSnapshot(
                    update(snapshotId(404), "retention_days")
                        .setSnapshot(Snapshot.newBuilder().setRetentionDays(5))
                        .build()));
  }

  @Test
  void listWalksEveryPageInIdOrder() {
    for (int n : new int[] {5, 3, 1, 4, 2}) {
      lockctl.snapshots().registerSnapshot(register(snapshotId(n)).build());
    }

    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String token = "";
    do {
      ListSnapshotsResponse page =
          lockctl
              .snapshots()
              .listSnapshots(
                  ListSnapshotsRequest.newBuilder()
                      .setRegionId(REGION)
                      .setPageSize(2)
                      .setPageToken(token)
                      .build());
      page.getSnapshotsList().forEach(s -> seen.add(s.getSnapshotId()));
      pageSizes.add(page.getSnapshotsCount());
      token = page.getNextPageToken();
    } while (!token.isEmpty());

    assertEquals(
        List.of(snapshotId(1), snapshotId(2), snapshotId(3), snapshotId(4), snapshotId(5)), seen);
    assertEquals(List.of(2, 2, 1), pageSizes);
  }

  @Test
  void aPageTokenFromAnotherQueryIsRefused() {
    for (int n = 1; n <= 3; n++) {
      lockctl.snapshots().registerSnapshot(register(snapshotId(n)).putTags("env", "prod").build());
    }
    String token =
        lockctl
            .snapshots()
            .listSnapshots(
                ListSnapshotsRequest.newBuilder().setRegionId(REGION).setPageSize(1).build())
            .getNextPageToken();

    assertInvalidField(
        "INVALID_PAGE_TOKEN",
        "page_token",
        () ->
            lockctl
                .snapshots()
                .listSnapshots(
                    ListSnapshotsRequest.newBuilder()
                        .setRegionId(REGION)
                        .setTagKey("env")
                        .setPageToken(token)
                        .build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_PAGE_TOKEN",
        () ->
            lockctl
                .snapshots()
                .listSnapshots(
                    ListSnapshotsRequest.newBuilder()
                        .setRegionId(REGION)
                        .setPageToken("not-ours")
                        .build()));
  }

  @Test
  void listFiltersByLockAndTag() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).putTags("env", "prod").build());
    lockctl.snapshots().registerSnapshot(register(snapshotId(2)).putTags("env", "dev").build());
    lockctl.snapshots().registerSnapshot(register(snapshotId(3)).build());
    lockctl.locks().lockSnapshot(governance(snapshotId(2), 7).build());
    lockctl.locks().lockSnapshot(governance(snapshotId(3), 1).build());
    lockctl.clock().advance(Duration.ofDays(1));

    assertEquals(List.of(snapshotId(2)), ids(ListSnapshotsRequest.newBuilder().setLocked(true)));
    assertEquals(
        List.of(snapshotId(1), snapshotId(2)),
        ids(ListSnapshotsRequest.newBuilder().setTagKey("env")));
    assertEquals(
        List.of(snapshotId(1)),
        ids(ListSnapshotsRequest.newBuilder().setTagKey("env").setTagValue("prod")));
    assertEquals(
        List.of(snapshotId(1), snapshotId(2), snapshotId(3)),
        ids(ListSnapshotsRequest.newBuilder().setState(SnapshotState.SNAPSHOT_STATE_ACTIVE)));
  }

  @Test
  void updateChangesOnlyTheMaskedFields() {
    lockctl
        .snapshots()
        .registerSnapshot(register(snapshotId(1)).setRetentionDays(30).putTags("a", "1").build());

    Snapshot updated =
        lockctl
            .snapshots()
            .updateSnapshot(
                update(snapshotId(1), "retention_days", "tags")
                    .setSnapshot(
                        Snapshot.newBuilder()
                            .setRetentionDays(60)
                            .putTags("b", "2")
                            .setShared(true))
                    .build())
            .getSnapshot();

    assertEquals(60, updated.getRetentionDays());
    assertEquals(Map.of("b", "2"), updated.getTagsMap());
    assertFalse(updated.getShared());
    assertEquals(updated, get(snapshotId(1)));
  }

  @Test
  void anInvalidStatusTransitionIsRefused() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "INVALID_SNAPSHOT_STATUS_TRANSITION",
        () ->
            lockctl
                .snapshots()
                .updateSnapshot(
                    update(snapshotId(1), "status")
                        .setSnapshot(
                            Snapshot.newBuilder()
                                .setStatus(SnapshotStatus.SNAPSHOT_STATUS_PROGRESSING))
                        .build()));
    assertEquals(SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED, get(snapshotId(1)).getStatus());
  }

  @Test
  void aLockedSnapshotCannotBeSharedNorLoseRetention() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).setRetentionDays(100).build());
    lockctl.locks().lockSnapshot(governance(snapshotId(1), 50).build());

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_LOCKED",
        () ->
            lockctl
                .snapshots()
                .updateSnapshot(
                    update(snapshotId(1), "shared")
                        .setSnapshot(Snapshot.newBuilder().setShared(true))
                        .build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_LOCKED",
        () ->
            lockctl
                .snapshots()
                .updateSnapshot(
                    update(snapshotId(1), "retention_days")
                        .setSnapshot(Snapshot.newBuilder().setRetentionDays(10))
                        .build()));
    Snapshot unchanged = get(snapshotId(1));
    assertFalse(unchanged.getShared());
    assertEquals(100, unchanged.getRetentionDays());
  }

  @Test
  void accomplishingAProgressingSnapshotStartsItsPendingLock() {
    lockctl
        .snapshots()
        .registerSnapshot(
            register(snapshotId(1)).setStatus(SnapshotStatus.SNAPSHOT_STATUS_PROGRESSING).build());
    lockctl.locks().lockSnapshot(governance(snapshotId(1), 10).build());
    assertFalse(get(snapshotId(1)).getLock().hasLockDurationStartTime());
    assertFalse(get(snapshotId(1)).getLock().hasLockExpiredTime());

    lockctl.clock().advance(Duration.ofHours(5));
    Snapshot accomplished =
        lockctl
            .snapshots()
            .updateSnapshot(
                update(snapshotId(1), "status")
                    .setSnapshot(
                        Snapshot.newBuilder()
                            .setStatus(SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED))
                    .build())
            .getSnapshot();

    assertEquals(
        ProtoTime.toTimestamp(lockctl.now()), accomplished.getLock().getLockDurationStartTime());
    assertEquals(
        ProtoTime.toTimestamp(lockctl.now().plus(Duration.ofDays(10))),
        accomplished.getLock().getLockExpiredTime());
  }

  @Test
  void deleteRemovesAnUnlockedSnapshotForGood() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());

    DeleteSnapshotResponse deleted = lockctl.snapshots().deleteSnapshot(delete(snapshotId(1)));

    assertEquals(snapshotId(1), deleted.getSnapshotId());
    assertEquals(0, deleted.getRetainedByRuleIdsCount());
    assertFalse(deleted.hasRetainUntil());
    assertRefused(Status.Code.NOT_FOUND, "SNAPSHOT_NOT_FOUND", () -> get(snapshotId(1)));
  }

  @Test
  void deletingALockedSnapshotIsRefusedWithTheLockInTheMetadata() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl.locks().lockSnapshot(compliance(snapshotId(1), 30, 24).build());

    Refusal refusal =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "SNAPSHOT_LOCKED",
            () -> lockctl.snapshots().deleteSnapshot(delete(snapshotId(1))));

    assertEquals(
        Map.of(
            "lock_status",
            "COMPLIANCE_COOLOFF",
            "lock_expired_time",
            lockctl.now().plus(Duration.ofDays(30)).toString()),
        refusal.errorInfo().getMetadataMap());
    assertEquals(
        LockStatus.LOCK_STATUS_COMPLIANCE_COOLOFF, get(snapshotId(1)).getLock().getLockStatus());
  }

  @Test
  void aSnapshotCanBeDeletedOnceItsLockExpired() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl.locks().lockSnapshot(compliance(snapshotId(1), 2, 0).build());
    lockctl.clock().advance(Duration.ofDays(2).minusMillis(1));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_LOCKED",
        () -> lockctl.snapshots().deleteSnapshot(delete(snapshotId(1))));

    lockctl.clock().advance(Duration.ofMillis(1));
    assertEquals(LockStatus.LOCK_STATUS_EXPIRED, get(snapshotId(1)).getLock().getLockStatus());
    assertEquals(
        snapshotId(1), lockctl.snapshots().deleteSnapshot(delete(snapshotId(1))).getSnapshotId());
  }

  private Snapshot get(String id) {
    return lockctl
        .snapshots()
        .getSnapshot(GetSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(id).build())
        .getSnapshot();
  }

  private List<String> ids(ListSnapshotsRequest.Builder request) {
    return lockctl
        .snapshots()
        .listSnapshots(request.setRegionId(REGION).build())
        .getSnapshotsList()
        .stream()
        .map(Snapshot::getSnapshotId)
        .toList();
  }

  private static UpdateSnapshotRequest.Builder update(String id, String... paths) {
    return UpdateSnapshotRequest.newBuilder()
        .setRegionId(REGION)
        .setSnapshotId(id)
        .setUpdateMask(FieldMask.newBuilder().addAllPaths(List.of(paths)));
  }

  private static DeleteSnapshotRequest delete(String id) {
    return DeleteSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(id).build();
  }
}
