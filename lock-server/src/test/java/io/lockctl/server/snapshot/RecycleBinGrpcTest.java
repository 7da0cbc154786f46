package io.lockctl.server.snapshot;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.deleteSnapshot;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.regionRule;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.restore;
import static io.lockctl.server.testing.Requests.snapshotId;
import static io.lockctl.server.testing.Requests.tag;
import static io.lockctl.server.testing.Requests.tagRule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.Refusals.Refusal;
import io.lockctl.v1.CreateRuleRequest;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.DeleteSnapshotResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.ResourceType;
import io.lockctl.v1.RestoreSnapshotResponse;
import io.lockctl.v1.RetentionRule;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotState;
import io.lockctl.v1.UpdateRuleRequest;
import io.lockctl.v1.UpdateSnapshotRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The recycle bin through SnapshotService: delete into it, restore, gone. */
class RecycleBinGrpcTest {
  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  @Test
  void aDeleteMatchedByRulesGoesToTheBinUntilTheLongestRetention() {
    String regionLevel = rule(regionRule(10));
    String tagLevel = rule(tagRule(30, "env", "prod"));
    rule(tagRule(90, "env", "dev"));
    rule(regionRule(365).setResourceType(ResourceType.RESOURCE_TYPE_IMAGE));
    rule(regionRule(200).addExcludeResourceTags(tag("team", "a")));
    Snapshot registered =
        lockctl
            .snapshots()
            .registerSnapshot(
                register(snapshotId(1)).putTags("env", "prod").putTags("team", "a").build())
            .getSnapshot();
    lockctl.clock().advance(Duration.ofHours(2));

    DeleteSnapshotResponse deleted =
        lockctl.snapshots().deleteSnapshot(deleteSnapshot(snapshotId(1)).build());

    Instant retainUntil = lockctl.now().plus(Duration.ofDays(30));
    assertEquals(snapshotId(1), deleted.getSnapshotId());
    assertEquals(
        List.of(regionLevel, tagLevel).stream().sorted().toList(),
        deleted.getRetainedByRuleIdsList());
    assertEquals(ProtoTime.toTimestamp(retainUntil), deleted.getRetainUntil());
    Snapshot binned = get(snapshotId(1));
    assertEquals(SnapshotState.SNAPSHOT_STATE_IN_RECYCLE_BIN, binned.getState());
    assertEquals(ProtoTime.toTimestamp(retainUntil), binned.getRetainUntil());
    assertEquals(
        registered.toBuilder()
            .setState(SnapshotState.SNAPSHOT_STATE_IN_RECYCLE_BIN)
            .setRetainUntil(ProtoTime.toTimestamp(retainUntil))
            .build(),
        binned);
    assertEquals(List.of(binned), list(SnapshotState.SNAPSHOT_STATE_IN_RECYCLE_BIN));
    assertEquals(List.of(), list(SnapshotState.SNAPSHOT_STATE_ACTIVE));
  }

  @Test
  void aSnapshotNoRuleMatchesIsDeletedForGood() {
    rule(regionRule(10).addExcludeResourceTags(tag("scratch", "")));
    rule(tagRule(10, "env", "prod"));
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).putTags("scratch", "").build());

    DeleteSnapshotResponse deleted =
        lockctl.snapshots().deleteSnapshot(deleteSnapshot(snapshotId(1)).build());

    assertEquals(0, deleted.getRetainedByRuleIdsCount());
    assertFalse(deleted.hasRetainUntil());
    assertRefused(Status.Code.NOT_FOUND, "SNAPSHOT_NOT_FOUND", () -> get(snapshotId(1)));
  }

  @Test
  void restoreBringsTheSnapshotBackAsItWas() {
    rule(regionRule(10));
    Snapshot registered =
        lockctl
            .snapshots()
            .registerSnapshot(
                register(snapshotId(1)).setRetentionDays(400).putTags("env", "prod").build())
            .getSnapshot();
    lockctl.snapshots().deleteSnapshot(deleteSnapshot(snapshotId(1)).build());
    lockctl.clock().advance(Duration.ofDays(3));

    Snapshot restored =
        lockctl.snapshots().restoreSnapshot(restore(snapshotId(1)).build()).getSnapshot();

    assertEquals(registered, restored);
    assertFalse(restored.hasRetainUntil());
    assertEquals(restored, get(snapshotId(1)));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_NOT_IN_RECYCLE_BIN",
        () -> lockctl.snapshots().restoreSnapshot(restore(snapshotId(1)).build()));
  }

  @Test
  void restoreRefusesWhatIsNotInTheBin() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_NOT_IN_RECYCLE_BIN",
        () -> lockctl.snapshots().restoreSnapshot(restore(snapshotId(1)).build()));
    assertRefused(
        Status.Code.NOT_FOUND,
        "SNAPSHOT_NOT_FOUND",
        () -> lockctl.snapshots().restoreSnapshot(restore(snapshotId(2)).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "snapshot_id",
        () -> lockctl.snapshots().restoreSnapshot(restore("snap-1").build()));
  }

  @Test
  void aSnapshotInTheBinCanBeNeitherLockedNorUpdatedNorDeletedAgain() {
    rule(regionRule(10));
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    Instant retainUntil = lockctl.now().plus(Duration.ofDays(10));
    lockctl.snapshots().deleteSnapshot(deleteSnapshot(snapshotId(1)).build());

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_NOT_AVAILABLE",
        () -> lockctl.locks().lockSnapshot(governance(snapshotId(1), 1).build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_NOT_AVAILABLE",
        () ->
            lockctl
                .snapshots()
                .updateSnapshot(
                    UpdateSnapshotRequest.newBuilder()
                        .setRegionId(REGION)
                        .setSnapshotId(snapshotId(1))
                        .setSnapshot(Snapshot.newBuilder().setShared(true))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("shared"))
                        .build()));
    Refusal deleteAgain =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "SNAPSHOT_NOT_AVAILABLE",
            () -> lockctl.snapshots().deleteSnapshot(deleteSnapshot(snapshotId(1)).build()));

    assertEquals(
        Map.of("retain_until", retainUntil.toString()), deleteAgain.errorInfo().getMetadataMap());
    Snapshot binned = get(snapshotId(1));
    assertFalse(binned.hasLock());
    assertFalse(binned.getShared());
  }

  @Test
  void atRetainUntilTheSnapshotIsGone() {
    rule(regionRule(10));
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).putTags("v", "1").build());
    Instant retainUntil = lockctl.now().plus(Duration.ofDays(10));
    lockctl.snapshots().deleteSnapshot(deleteSnapshot(snapshotId(1)).build());

    lockctl.clock().set(retainUntil.minusMillis(1));
    assertEquals(SnapshotState.SNAPSHOT_STATE_IN_RECYCLE_BIN, get(snapshotId(1)).getState());

    lockctl.clock().set(retainUntil);
    assertRefused(Status.Code.NOT_FOUND, "SNAPSHOT_NOT_FOUND", () -> get(snapshotId(1)));
    assertRefused(
        Status.Code.NOT_FOUND,
        "SNAPSHOT_NOT_FOUND",
        () -> lockctl.snapshots().restoreSnapshot(restore(snapshotId(1)).build()));
    assertRefused(
        Status.Code.NOT_FOUND,
        "SNAPSHOT_NOT_FOUND",
        () -> lockctl.snapshots().deleteSnapshot(deleteSnapshot(snapshotId(1)).build()));
    assertEquals(List.of(), list(SnapshotState.SNAPSHOT_STATE_UNSPECIFIED));

    Snapshot again =
        lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build()).getSnapshot();
    assertEquals(Map.of(), again.getTagsMap());
    assertEquals(SnapshotState.SNAPSHOT_STATE_ACTIVE, again.getState());
  }

  @Test
  void updatingOrDeletingARuleChangesNothingForSnapshotsAlreadyInTheBin() {
    String shortRule = rule(regionRule(10));
    String longRule = rule(regionRule(20));
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    Instant retainUntil = lockctl.now().plus(Duration.ofDays(20));
    lockctl.snapshots().deleteSnapshot(deleteSnapshot(snapshotId(1)).build());

    lockctl
        .rules()
        .updateRule(
            UpdateRuleRequest.newBuilder()
                .setRegionId(REGION)
                .setIdentifier(shortRule)
                .setRule(RetentionRule.newBuilder().setRetentionPeriodDays(100))
                .setUpdateMask(FieldMask.newBuilder().addPaths("retention_period_days"))
                .build());
    lockctl
        .rules()
        .deleteRule(
            DeleteRuleRequest.newBuilder().setRegionId(REGION).setIdentifier(longRule).build());

    assertEquals(ProtoTime.toTimestamp(retainUntil), get(snapshotId(1)).getRetainUntil());
    lockctl.clock().set(retainUntil);
    assertRefused(Status.Code.NOT_FOUND, "SNAPSHOT_NOT_FOUND", () -> get(snapshotId(1)));

    // a snapshot deleted after the update gets the updated retention
    lockctl.snapshots().registerSnapshot(register(snapshotId(2)).build());
    assertEquals(
        ProtoTime.toTimestamp(lockctl.now().plus(Duration.ofDays(100))),
        lockctl.snapshots().deleteSnapshot(deleteSnapshot(snapshotId(2)).build()).getRetainUntil());
  }

  @Test
  void restoreIsIdempotentAndItsDryRunRestoresNothing() {
    rule(regionRule(10));
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl.snapshots().deleteSnapshot(deleteSnapshot(snapshotId(1)).build());

    RestoreSnapshotResponse dry =
        lockctl.snapshots().restoreSnapshot(restore(snapshotId(1)).setDryRun(true).build());
    assertEquals(SnapshotState.SNAPSHOT_STATE_IN_RECYCLE_BIN, get(snapshotId(1)).getState());
    RestoreSnapshotResponse real =
        lockctl
            .snapshots()
            .restoreSnapshot(restore(snapshotId(1)).setClientToken("restore-1").build());
    assertEquals(dry, real);

    RestoreSnapshotResponse replay =
        lockctl
            .snapshots()
            .restoreSnapshot(restore(snapshotId(1)).setClientToken("restore-1").build());
    assertEquals(real.toByteString(), replay.toByteString());
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "IDEMPOTENT_PARAMETER_MISMATCH",
        () ->
            lockctl
                .snapshots()
                .restoreSnapshot(restore(snapshotId(2)).setClientToken("restore-1").build()));
  }

  private String rule(CreateRuleRequest.Builder request) {
    return lockctl.rules().createRule(request.build()).getRule().getIdentifier();
  }

  private Snapshot get(String id) {
    return lockctl
        .snapshots()
        .getSnapshot(GetSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(id).build())
        .getSnapshot();
  }

  private List<Snapshot> list(SnapshotState state) {
    return lockctl
        .snapshots()
        .listSnapshots(
            ListSnapshotsRequest.newBuilder().setRegionId(REGION).setState(state).build())
        .getSnapshotsList();
  }
}
