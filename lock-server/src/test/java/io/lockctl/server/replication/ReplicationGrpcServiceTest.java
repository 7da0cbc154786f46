package io.lockctl.server.replication;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.relationship;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.LockKeyHolder;
import io.lockctl.server.testing.Refusals.Refusal;
import io.lockctl.v1.CreateLockKeyRequest;
import io.lockctl.v1.CreateLockKeyResponse;
import io.lockctl.v1.CreatePolicySnapshotRequest;
import io.lockctl.v1.CreatePolicySnapshotResponse;
import io.lockctl.v1.DeleteLockKeyRequest;
import io.lockctl.v1.DeleteLockKeyResponse;
import io.lockctl.v1.DeleteTargetRelationshipRequest;
import io.lockctl.v1.GetLockKeyRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.GetTargetRelationshipLockRequest;
import io.lockctl.v1.GetTargetRelationshipRequest;
import io.lockctl.v1.ListLockKeyUsagesRequest;
import io.lockctl.v1.ListLockKeyUsagesResponse;
import io.lockctl.v1.ListLockKeysRequest;
import io.lockctl.v1.ListLockKeysResponse;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.ListTargetRelationshipsRequest;
import io.lockctl.v1.ListTargetRelationshipsResponse;
import io.lockctl.v1.LockKey;
import io.lockctl.v1.LockKeyRole;
import io.lockctl.v1.LockKeyUsage;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.RelationshipOrientation;
import io.lockctl.v1.ReverseTargetRelationshipRequest;
import io.lockctl.v1.RevertTargetRelationshipRequest;
import io.lockctl.v1.SetTargetRelationshipLockRequest;
import io.lockctl.v1.SetTargetRelationshipLockResponse;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotPolicy;
import io.lockctl.v1.TargetRelationship;
import io.lockctl.v1.UpdateLockKeyRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** lockctl.v1.ReplicationService in-process: every RPC and every reason it documents. */
class ReplicationGrpcServiceTest {
  private static final String UNKNOWN_RELATIONSHIP = "00000000-0000-4000-8000-000000000000";

  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  private final LockKeyHolder backup = new LockKeyHolder("backup-key");
  private final LockKeyHolder other = new LockKeyHolder("other-key");

  private LockKey create(LockKeyHolder holder) {
    return lockctl.replication().createLockKey(holder.createRequest().build()).getLockKey();
  }

  private TargetRelationship createRelationship(int ttlDays) {
    return lockctl
        .replication()
        .createTargetRelationship(relationship(ttlDays).build())
        .getTargetRelationship();
  }

  private SetTargetRelationshipLockResponse setLock(String relationshipId, String keyRef) {
    return lockctl
        .replication()
        .setTargetRelationshipLock(
            SetTargetRelationshipLockRequest.newBuilder()
                .setRelationshipId(relationshipId)
                .setLockKeyRef(keyRef)
                .build());
  }

  private TargetRelationship get(String relationshipId) {
    return lockctl
        .replication()
        .getTargetRelationship(
            GetTargetRelationshipRequest.newBuilder().setRelationshipId(relationshipId).build())
        .getTargetRelationship();
  }

  private TargetRelationship reverse(String relationshipId) {
    return lockctl
        .replication()
        .reverseTargetRelationship(
            ReverseTargetRelationshipRequest.newBuilder().setRelationshipId(relationshipId).build())
        .getTargetRelationship();
  }

  private TargetRelationship revert(String relationshipId) {
    return lockctl
        .replication()
        .revertTargetRelationship(
            RevertTargetRelationshipRequest.newBuilder().setRelationshipId(relationshipId).build())
        .getTargetRelationship();
  }

  private CreatePolicySnapshotResponse takePolicySnapshot(String relationshipId) {
    return lockctl
        .replication()
        .createPolicySnapshot(
            CreatePolicySnapshotRequest.newBuilder().setRelationshipId(relationshipId).build());
  }

  private UpdateLockKeyRequest.Builder disable(String keyRef) {
    return UpdateLockKeyRequest.newBuilder()
        .setLockKeyRef(keyRef)
        .setLockKey(LockKey.newBuilder().setDisabled(true))
        .setUpdateMask(FieldMask.newBuilder().addPaths("disabled"));
  }

  private DeleteLockKeyResponse delete(String keyRef) {
    return lockctl
        .replication()
        .deleteLockKey(DeleteLockKeyRequest.newBuilder().setLockKeyRef(keyRef).build());
  }

  // Lock keys

  @Test
  void createLockKeyRegistersThePublicKeyAndGetReadsItByIdOrName() {
    Instant now = lockctl.now();
    LockKey key =
        lockctl
            .replication()
            .createLockKey(backup.createRequest().setComment("vault 7").build())
            .getLockKey();

    assertTrue(key.getLockKeyId().matches("lk-[0-9a-z]{20}"), key.getLockKeyId());
    assertEquals(
        LockKey.newBuilder()
            .setLockKeyId(key.getLockKeyId())
            .setName("backup-key")
            .setComment("vault 7")
            .setPublicKey(backup.publicKeyPem())
            .setDisabled(false)
            .setCreateTime(ProtoTime.toTimestamp(now))
            .build(),
        key);
    assertEquals(
        key,
        lockctl
            .replication()
            .getLockKey(GetLockKeyRequest.newBuilder().setLockKeyRef(key.getLockKeyId()).build())
            .getLockKey());
    assertEquals(
        key,
        lockctl
            .replication()
            .getLockKey(GetLockKeyRequest.newBuilder().setLockKeyRef("backup-key").build())
            .getLockKey());
  }

  @Test
  void aKeyNameIsTakenOnce() {
    create(backup);

    Refusal refusal =
        assertRefused(
            Status.Code.ALREADY_EXISTS,
            "LOCK_KEY_ALREADY_EXISTS",
            () ->
                lockctl
                    .replication()
                    .createLockKey(new LockKeyHolder("backup-key").createRequest().build()));

    assertEquals("backup-key", refusal.errorInfo().getMetadataOrThrow("name"));
  }

  @Test
  void aBadPublicKeyOrVerificationSignatureIsInvalidPublicKey() {
    assertInvalidField(
        "INVALID_PUBLIC_KEY",
        "public_key",
        () ->
            lockctl
                .replication()
                .createLockKey(
                    backup
                        .createRequest()
                        .setPublicKey(
                            "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
                        .build()));
    assertInvalidField(
        "INVALID_PUBLIC_KEY",
        "verification_signature",
        () ->
            lockctl
                .replication()
                .createLockKey(
                    backup
                        .createRequest()
                        .setVerificationSignature(
                            other.sign("backup-key".getBytes(StandardCharsets.UTF_8)))
                        .build()));
    // Signed by the right key, but not the name: someone else's proof copied over.
    assertInvalidField(
        "INVALID_PUBLIC_KEY",
        "verification_signature",
        () ->
            lockctl
                .replication()
                .createLockKey(
                    backup
                        .createRequest()
                        .setVerificationSignature(backup.sign(new byte[] {1, 2, 3}))
                        .build()));
    assertEquals(
        0,
        lockctl
            .replication()
            .listLockKeys(ListLockKeysRequest.getDefaultInstance())
            .getLockKeysCount());
  }

  @Test
  void aMalformedNameIsInvalidParameter() {
    assertInvalidField(
        "INVALID_PARAMETER",
        "name",
        () ->
            lockctl
                .replication()
                .createLockKey(new LockKeyHolder("no spaces").createRequest().build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "name",
        () ->
            lockctl
                .replication()
                .createLockKey(
                    new LockKeyHolder("lk-aaaaaaaaaaaaaaaaaaaa").createRequest().build()));
  }

  @Test
  void anUnknownKeyIsLockKeyNotFoundEverywhere() {
    Refusal refusal =
        assertRefused(
            Status.Code.NOT_FOUND,
            "LOCK_KEY_NOT_FOUND",
            () ->
                lockctl
                    .replication()
                    .getLockKey(GetLockKeyRequest.newBuilder().setLockKeyRef("nope").build()));
    assertEquals("nope", refusal.errorInfo().getMetadataOrThrow("lock_key_ref"));
    assertRefused(
        Status.Code.NOT_FOUND,
        "LOCK_KEY_NOT_FOUND",
        () -> lockctl.replication().updateLockKey(disable("nope").build()));
    assertRefused(
        Status.Code.NOT_FOUND, "LOCK_KEY_NOT_FOUND", () -> delete("lk-aaaaaaaaaaaaaaaaaaaa"));
    assertRefused(
        Status.Code.NOT_FOUND,
        "LOCK_KEY_NOT_FOUND",
        () ->
            lockctl
                .replication()
                .listLockKeyUsages(
                    ListLockKeyUsagesRequest.newBuilder().setLockKeyRef("nope").build()));
    String relationshipId = createRelationship(7).getRelationshipId();
    assertRefused(
        Status.Code.NOT_FOUND, "LOCK_KEY_NOT_FOUND", () -> setLock(relationshipId, "nope"));
  }

  @Test
  void listLockKeysGoesByNamePageByPage() {
    create(other);
    create(backup);
    create(new LockKeyHolder("archive"));

    ListLockKeysResponse first =
        lockctl.replication().listLockKeys(ListLockKeysRequest.newBuilder().setPageSize(2).build());
    ListLockKeysResponse second =
        lockctl
            .replication()
            .listLockKeys(
                ListLockKeysRequest.newBuilder()
                    .setPageSize(2)
                    .setPageToken(first.getNextPageToken())
                    .build());

    assertEquals(
        List.of("archive", "backup-key"),
        first.getLockKeysList().stream().map(LockKey::getName).toList());
    assertEquals(
        List.of("other-key"), second.getLockKeysList().stream().map(LockKey::getName).toList());
    assertEquals("", second.getNextPageToken());
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_PAGE_TOKEN",
        () ->
            lockctl
                .replication()
                .listLockKeys(ListLockKeysRequest.newBuilder().setPageToken("forged").build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_PARAMETER",
        () ->
            lockctl
                .replication()
                .listLockKeys(ListLockKeysRequest.newBuilder().setPageSize(-1).build()));
  }

  @Test
  void updateLockKeyChangesTheFieldsItsMaskNames() {
    LockKey key = create(backup);

    LockKey commented =
        lockctl
            .replication()
            .updateLockKey(
                UpdateLockKeyRequest.newBuilder()
                    .setLockKeyRef("backup-key")
                    .setLockKey(LockKey.newBuilder().setComment("new").setDisabled(true))
                    .setUpdateMask(FieldMask.newBuilder().addPaths("comment"))
                    .build())
            .getLockKey();
    LockKey disabled =
        lockctl.replication().updateLockKey(disable(key.getLockKeyId()).build()).getLockKey();

    assertEquals(key.toBuilder().setComment("new").build(), commented);
    assertEquals(commented.toBuilder().setDisabled(true).build(), disabled);
    assertInvalidField(
        "INVALID_PARAMETER",
        "update_mask",
        () ->
            lockctl
                .replication()
                .updateLockKey(
                    disable("backup-key")
                        .setUpdateMask(FieldMask.newBuilder().addPaths("name"))
                        .build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "update_mask",
        () -> lockctl.replication().updateLockKey(disable("backup-key").clearUpdateMask().build()));
  }

  @Test
  void aKeyThatIsARelationshipsCurrentKeyCannotBeDisabledNorDeleted() {
    LockKey key = create(backup);
    String relationshipId = createRelationship(7).getRelationshipId();
    setLock(relationshipId, "backup-key");

    Refusal disabling =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "LOCK_KEY_IN_USE",
            () -> lockctl.replication().updateLockKey(disable("backup-key").build()));
    Refusal deleting =
        assertRefused(
            Status.Code.FAILED_PRECONDITION, "LOCK_KEY_IN_USE", () -> delete("backup-key"));

    assertEquals(relationshipId, disabling.errorInfo().getMetadataOrThrow("relationship_id"));
    assertEquals(key.getLockKeyId(), deleting.errorInfo().getMetadataOrThrow("lock_key_id"));
    assertFalse(
        lockctl
            .replication()
            .getLockKey(GetLockKeyRequest.newBuilder().setLockKeyRef("backup-key").build())
            .getLockKey()
            .getDisabled());
  }

  @Test
  void aKeyThatStillLocksSnapshotsCannotBeDeletedUntilTheyExpire() {
    LockKey key = create(backup);
    String relationshipId = createRelationship(7).getRelationshipId();
    setLock(relationshipId, "backup-key");
    takePolicySnapshot(relationshipId);
    lockctl
        .replication()
        .setTargetRelationshipLock(
            SetTargetRelationshipLockRequest.newBuilder()
                .setRelationshipId(relationshipId)
                .setClearLockKey(true)
                .build());

    Refusal refusal =
        assertRefused(
            Status.Code.FAILED_PRECONDITION, "LOCK_KEY_IN_USE", () -> delete("backup-key"));
    assertEquals("1", refusal.errorInfo().getMetadataOrThrow("locked_snapshot_count"));

    lockctl.clock().advance(Duration.ofDays(7));
    assertEquals(key, delete("backup-key").getLockKey());
    assertRefused(Status.Code.NOT_FOUND, "LOCK_KEY_NOT_FOUND", () -> delete("backup-key"));
  }

  @Test
  void aDormantKeyMayBeDisabledOrDeletedAndARevertThenRestoresNoKey() {
    LockKey kept = create(backup);
    create(other);
    String disabledOne = createRelationship(7).getRelationshipId();
    String deletedOne = createRelationship(7).getRelationshipId();
    setLock(disabledOne, "backup-key");
    setLock(deletedOne, "other-key");
    reverse(disabledOne);
    reverse(deletedOne);

    assertTrue(
        lockctl
            .replication()
            .updateLockKey(disable("backup-key").build())
            .getLockKey()
            .getDisabled());
    assertEquals("other-key", delete("other-key").getLockKey().getName());

    assertEquals("", revert(disabledOne).getLockKeyRef());
    assertEquals("", revert(deletedOne).getLockKeyRef());
    assertEquals(
        kept.getLockKeyId(),
        lockctl
            .replication()
            .getLockKey(GetLockKeyRequest.newBuilder().setLockKeyRef("backup-key").build())
            .getLockKey()
            .getLockKeyId());
  }

  @Test
  void listLockKeyUsagesShowsRelationshipsThenLockedSnapshotsPageByPage() {
    LockKey key = create(backup);
    String current = createRelationship(7).getRelationshipId();
    String dormant = createRelationship(7).getRelationshipId();
    setLock(current, "backup-key");
    setLock(dormant, "backup-key");
    Snapshot locked = takePolicySnapshot(current).getSnapshot();
    reverse(dormant);

    ListLockKeyUsagesResponse first =
        lockctl
            .replication()
            .listLockKeyUsages(
                ListLockKeyUsagesRequest.newBuilder()
                    .setLockKeyRef(key.getLockKeyId())
                    .setPageSize(2)
                    .build());
    ListLockKeyUsagesResponse second =
        lockctl
            .replication()
            .listLockKeyUsages(
                ListLockKeyUsagesRequest.newBuilder()
                    .setLockKeyRef("backup-key")
                    .setPageSize(2)
                    .setPageToken(first.getNextPageToken())
                    .build());

    List<String> ids = List.of(current, dormant).stream().sorted().toList();
    assertEquals(
        List.of(ids.get(0), ids.get(1)),
        first.getUsagesList().stream()
            .map(usage -> usage.getRelationship().getRelationshipId())
            .toList());
    for (LockKeyUsage usage : first.getUsagesList()) {
      assertEquals(
          usage.getRelationship().getRelationshipId().equals(current)
              ? LockKeyRole.LOCK_KEY_ROLE_CURRENT
              : LockKeyRole.LOCK_KEY_ROLE_DORMANT,
          usage.getRelationship().getRole());
      assertEquals(REGION, usage.getRelationship().getRegionId());
    }
    assertEquals(1, second.getUsagesCount());
    assertEquals(REGION, second.getUsages(0).getSnapshot().getRegionId());
    assertEquals(locked.getSnapshotId(), second.getUsages(0).getSnapshot().getSnapshotId());
    assertEquals(
        locked.getLock().getLockExpiredTime(),
        second.getUsages(0).getSnapshot().getLockExpiredTime());
    assertEquals("", second.getNextPageToken());
  }

  @Test
  void listLockKeyUsagesRefusesTokensItDidNotIssueForThatKey() {
    LockKey key = create(backup);
    LockKey other = create(new LockKeyHolder("other-key"));
    setLock(createRelationship(7).getRelationshipId(), "backup-key");
    setLock(createRelationship(7).getRelationshipId(), "other-key");
    setLock(createRelationship(7).getRelationshipId(), "other-key");
    String otherKeysToken =
        lockctl
            .replication()
            .listLockKeyUsages(
                ListLockKeyUsagesRequest.newBuilder()
                    .setLockKeyRef(other.getLockKeyId())
                    .setPageSize(1)
                    .build())
            .getNextPageToken();
    // a position in the snapshots without the region separator, behind a made-up check
    String forged =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(("0123456789abcdef" + "s").getBytes(StandardCharsets.UTF_8));

    for (String token : List.of(otherKeysToken, forged, "AAAAAAAAAAAAAAAAAAAAAAAAAA")) {
      assertInvalidField(
          "INVALID_PAGE_TOKEN",
          "page_token",
          () ->
              lockctl
                  .replication()
                  .listLockKeyUsages(
                      ListLockKeyUsagesRequest.newBuilder()
                          .setLockKeyRef(key.getLockKeyId())
                          .setPageToken(token)
                          .build()));
    }
  }

  // Target relationships

  @Test
  void createTargetRelationshipStartsOriginalWithoutAKey() {
    Instant now = lockctl.now();

    TargetRelationship created = createRelationship(7);

    assertTrue(created.getRelationshipId().matches("[0-9a-f-]{36}"), created.getRelationshipId());
    assertEquals(
        TargetRelationship.newBuilder()
            .setRelationshipId(created.getRelationshipId())
            .setRegionId(REGION)
            .setSourceCluster("cluster-a")
            .setSourcePath("/data")
            .setTargetPath("/replica")
            .setSnapshotPolicy(policy(7 * 86_400, 0))
            .setOrientation(RelationshipOrientation.RELATIONSHIP_ORIENTATION_ORIGINAL)
            .setCreateTime(ProtoTime.toTimestamp(now))
            .build(),
        created);
    assertEquals(created, get(created.getRelationshipId()));
    assertFalse(createRelationship(0).getSnapshotPolicy().hasExpirationTtl());
  }

  @Test
  void malformedRelationshipFieldsAreInvalidParameter() {
    Refusal refusal =
        assertRefused(
            Status.Code.INVALID_ARGUMENT,
            "INVALID_PARAMETER",
            () ->
                lockctl
                    .replication()
                    .createTargetRelationship(
                        relationship(7)
                            .setRegionId("Bad")
                            .setSourceCluster("")
                            .setSourcePath("relative")
                            .setTargetPath("")
                            .build()));
    assertEquals(
        List.of("region_id", "source_cluster", "source_path", "target_path"),
        refusal.violatedFields());
    assertInvalidField(
        "INVALID_PARAMETER",
        "snapshot_policy.expiration_ttl",
        () ->
            lockctl
                .replication()
                .createTargetRelationship(
                    relationship(0).setSnapshotPolicy(policy(-1, 0)).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "snapshot_policy.expiration_ttl",
        () ->
            lockctl
                .replication()
                .createTargetRelationship(
                    relationship(0).setSnapshotPolicy(policy(1, -1)).build()));
    // the extremes, where a range check through Math.abs or a sum would overflow
    for (SnapshotPolicy extreme :
        List.of(
            policy(Long.MIN_VALUE, 0),
            policy(Long.MIN_VALUE, -999_999_999),
            policy(Long.MAX_VALUE, 999_999_999),
            policy(0, Integer.MIN_VALUE))) {
      assertInvalidField(
          "INVALID_PARAMETER",
          "snapshot_policy.expiration_ttl",
          () ->
              lockctl
                  .replication()
                  .createTargetRelationship(relationship(0).setSnapshotPolicy(extreme).build()));
    }
    assertInvalidField("INVALID_PARAMETER", "relationship_id", () -> get("not-a-uuid"));
    assertEquals(
        0,
        lockctl
            .replication()
            .listTargetRelationships(ListTargetRelationshipsRequest.getDefaultInstance())
            .getTargetRelationshipsCount());
  }

  @Test
  void anUnknownRelationshipIsRelationshipNotFoundEverywhere() {
    Refusal refusal =
        assertRefused(
            Status.Code.NOT_FOUND, "RELATIONSHIP_NOT_FOUND", () -> get(UNKNOWN_RELATIONSHIP));
    assertEquals(UNKNOWN_RELATIONSHIP, refusal.errorInfo().getMetadataOrThrow("relationship_id"));
    assertRefused(
        Status.Code.NOT_FOUND, "RELATIONSHIP_NOT_FOUND", () -> reverse(UNKNOWN_RELATIONSHIP));
    assertRefused(
        Status.Code.NOT_FOUND, "RELATIONSHIP_NOT_FOUND", () -> revert(UNKNOWN_RELATIONSHIP));
    assertRefused(
        Status.Code.NOT_FOUND,
        "RELATIONSHIP_NOT_FOUND",
        () ->
            lockctl
                .replication()
                .deleteTargetRelationship(
                    DeleteTargetRelationshipRequest.newBuilder()
                        .setRelationshipId(UNKNOWN_RELATIONSHIP)
                        .build()));
    create(backup);
    assertRefused(
        Status.Code.NOT_FOUND,
        "RELATIONSHIP_NOT_FOUND",
        () -> setLock(UNKNOWN_RELATIONSHIP, "backup-key"));
    assertRefused(
        Status.Code.NOT_FOUND,
        "RELATIONSHIP_NOT_FOUND",
        () ->
            lockctl
                .replication()
                .getTargetRelationshipLock(
                    GetTargetRelationshipLockRequest.newBuilder()
                        .setRelationshipId(UNKNOWN_RELATIONSHIP)
                        .build()));
    assertRefused(
        Status.Code.NOT_FOUND,
        "RELATIONSHIP_NOT_FOUND",
        () -> takePolicySnapshot(UNKNOWN_RELATIONSHIP));
  }

  @Test
  void listTargetRelationshipsFiltersByRegionPageByPage() {
    List<String> ids =
        List.of(createRelationship(7), createRelationship(0), createRelationship(1)).stream()
            .map(TargetRelationship::getRelationshipId)
            .sorted()
            .toList();
    lockctl
        .replication()
        .createTargetRelationship(relationship(7).setRegionId("us-east-1").build());

    ListTargetRelationshipsResponse first =
        lockctl
            .replication()
            .listTargetRelationships(
                ListTargetRelationshipsRequest.newBuilder()
                    .setRegionId(REGION)
                    .setPageSize(2)
                    .build());
    ListTargetRelationshipsResponse second =
        lockctl
            .replication()
            .listTargetRelationships(
                ListTargetRelationshipsRequest.newBuilder()
                    .setRegionId(REGION)
                    .setPageSize(2)
                    .setPageToken(first.getNextPageToken())
                    .build());

    assertEquals(ids.subList(0, 2), relationshipIds(first.getTargetRelationshipsList()));
    assertEquals(ids.subList(2, 3), relationshipIds(second.getTargetRelationshipsList()));
    assertEquals(
        4,
        lockctl
            .replication()
            .listTargetRelationships(ListTargetRelationshipsRequest.getDefaultInstance())
            .getTargetRelationshipsCount());
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_PAGE_TOKEN",
        () ->
            lockctl
                .replication()
                .listTargetRelationships(
                    ListTargetRelationshipsRequest.newBuilder()
                        .setRegionId("us-east-1")
                        .setPageToken(first.getNextPageToken())
                        .build()));
  }

  @Test
  void deleteTargetRelationshipLeavesItsPolicySnapshotsLocked() {
    create(backup);
    TargetRelationship relationship = createRelationship(7);
    setLock(relationship.getRelationshipId(), "backup-key");
    Snapshot locked = takePolicySnapshot(relationship.getRelationshipId()).getSnapshot();
    TargetRelationship before = get(relationship.getRelationshipId());

    TargetRelationship deleted =
        lockctl
            .replication()
            .deleteTargetRelationship(
                DeleteTargetRelationshipRequest.newBuilder()
                    .setRelationshipId(relationship.getRelationshipId())
                    .build())
            .getTargetRelationship();

    assertEquals(before, deleted);
    assertRefused(
        Status.Code.NOT_FOUND,
        "RELATIONSHIP_NOT_FOUND",
        () -> get(relationship.getRelationshipId()));
    assertEquals(locked.getLock(), snapshot(locked.getSnapshotId()).getLock());
  }

  @Test
  void reverseAndRevertKeepAKeyPerOrientation() {
    LockKey original = create(backup);
    LockKey reversedKey = create(other);
    String id = createRelationship(7).getRelationshipId();
    setLock(id, "backup-key");

    TargetRelationship reversed = reverse(id);
    assertEquals(
        RelationshipOrientation.RELATIONSHIP_ORIENTATION_REVERSED, reversed.getOrientation());
    assertEquals("", reversed.getLockKeyRef());
    assertEquals(original.getLockKeyId(), reversed.getDormantLockKeyRef());

    assertEquals(reversedKey.getLockKeyId(), setLock(id, "other-key").getLockKeyRef());
    assertEquals(original.getLockKeyId(), get(id).getDormantLockKeyRef());

    TargetRelationship reverted = revert(id);
    assertEquals(
        RelationshipOrientation.RELATIONSHIP_ORIENTATION_ORIGINAL, reverted.getOrientation());
    assertEquals(original.getLockKeyId(), reverted.getLockKeyRef());
    assertEquals("", reverted.getDormantLockKeyRef());
    assertEquals("", reverse(id).getLockKeyRef());
  }

  @Test
  void reversingAReversedOneOrRevertingAnOriginalOneIsInvalidRelationshipState() {
    String id = createRelationship(7).getRelationshipId();

    Refusal revert =
        assertRefused(
            Status.Code.FAILED_PRECONDITION, "INVALID_RELATIONSHIP_STATE", () -> revert(id));
    reverse(id);
    Refusal reverse =
        assertRefused(
            Status.Code.FAILED_PRECONDITION, "INVALID_RELATIONSHIP_STATE", () -> reverse(id));

    assertEquals("ORIGINAL", revert.errorInfo().getMetadataOrThrow("orientation"));
    assertEquals("REVERSED", reverse.errorInfo().getMetadataOrThrow("orientation"));
  }

  @Test
  void setTargetRelationshipLockSetsAndClearsAndGetReadsIt() {
    LockKey key = create(backup);
    String id = createRelationship(7).getRelationshipId();
    GetTargetRelationshipLockRequest getLock =
        GetTargetRelationshipLockRequest.newBuilder().setRelationshipId(id).build();
    assertEquals("", lockctl.replication().getTargetRelationshipLock(getLock).getLockKeyRef());

    assertEquals(key.getLockKeyId(), setLock(id, "backup-key").getLockKeyRef());
    assertEquals(
        key.getLockKeyId(),
        lockctl.replication().getTargetRelationshipLock(getLock).getLockKeyRef());
    assertEquals(key.getLockKeyId(), get(id).getLockKeyRef());

    assertEquals(
        "",
        lockctl
            .replication()
            .setTargetRelationshipLock(
                SetTargetRelationshipLockRequest.newBuilder()
                    .setRelationshipId(id)
                    .setClearLockKey(true)
                    .build())
            .getLockKeyRef());
    assertEquals("", lockctl.replication().getTargetRelationshipLock(getLock).getLockKeyRef());
  }

  @Test
  void setTargetRelationshipLockNeedsExactlyOneOfAKeyAndClear() {
    create(backup);
    String id = createRelationship(7).getRelationshipId();

    assertInvalidField(
        "INVALID_PARAMETER",
        "lock_key_ref",
        () ->
            lockctl
                .replication()
                .setTargetRelationshipLock(
                    SetTargetRelationshipLockRequest.newBuilder().setRelationshipId(id).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "lock_key_ref",
        () ->
            lockctl
                .replication()
                .setTargetRelationshipLock(
                    SetTargetRelationshipLockRequest.newBuilder()
                        .setRelationshipId(id)
                        .setLockKeyRef("backup-key")
                        .setClearLockKey(true)
                        .build()));
    assertEquals("", get(id).getLockKeyRef());
  }

  @Test
  void aDisabledKeyLocksNothingNew() {
    LockKey key = create(backup);
    lockctl.replication().updateLockKey(disable("backup-key").build());
    String id = createRelationship(7).getRelationshipId();

    Refusal refusal =
        assertRefused(
            Status.Code.FAILED_PRECONDITION, "LOCK_KEY_DISABLED", () -> setLock(id, "backup-key"));

    assertEquals(key.getLockKeyId(), refusal.errorInfo().getMetadataOrThrow("lock_key_id"));
    assertEquals("", get(id).getLockKeyRef());
  }

  // Policy snapshots

  @Test
  void aPolicySnapshotIsKeyLockedUntilItExpires() {
    LockKey key = create(backup);
    String id = createRelationship(7).getRelationshipId();
    setLock(id, "backup-key");
    Instant now = lockctl.now();

    CreatePolicySnapshotResponse created = takePolicySnapshot(id);

    Snapshot snapshot = created.getSnapshot();
    assertEquals(id, created.getCreatedByPolicy());
    assertEquals(ProtoTime.toTimestamp(now.plus(Duration.ofDays(7))), created.getExpireTime());
    assertEquals(id, snapshot.getCreatedByPolicy());
    assertEquals(created.getExpireTime(), snapshot.getExpireTime());
    assertEquals(
        LockedSnapshotInfo.newBuilder()
            .setSnapshotId(snapshot.getSnapshotId())
            .setLockMode(LockMode.LOCK_MODE_KEY)
            .setLockStatus(LockStatus.LOCK_STATUS_KEY)
            .setLockCreationTime(ProtoTime.toTimestamp(now))
            .setLockDurationStartTime(ProtoTime.toTimestamp(now))
            .setLockExpiredTime(created.getExpireTime())
            .setLockKeyRef(key.getLockKeyId())
            .build(),
        snapshot.getLock());
    assertEquals(snapshot, snapshot(snapshot.getSnapshotId()));
  }

  @Test
  void aPolicyWithoutExpirationLocksNothingAndAPolicyWithoutKeyNeither() {
    create(backup);
    String forever = createRelationship(0).getRelationshipId();
    setLock(forever, "backup-key");
    String keyless = createRelationship(7).getRelationshipId();

    CreatePolicySnapshotResponse neverExpires = takePolicySnapshot(forever);
    CreatePolicySnapshotResponse unlocked = takePolicySnapshot(keyless);

    assertFalse(neverExpires.getSnapshot().hasLock());
    assertFalse(neverExpires.hasExpireTime());
    assertFalse(neverExpires.getSnapshot().hasExpireTime());
    assertFalse(unlocked.getSnapshot().hasLock());
    assertTrue(unlocked.hasExpireTime());
  }

  @Test
  void aPolicySnapshotsIdMayBeGivenOnceAndMustBeWellFormed() {
    String id = createRelationship(7).getRelationshipId();
    CreatePolicySnapshotRequest request =
        CreatePolicySnapshotRequest.newBuilder()
            .setRelationshipId(id)
            .setSnapshotId(snapshotId(1))
            .build();

    assertEquals(
        snapshotId(1),
        lockctl.replication().createPolicySnapshot(request).getSnapshot().getSnapshotId());
    assertRefused(
        Status.Code.ALREADY_EXISTS,
        "SNAPSHOT_ALREADY_EXISTS",
        () -> lockctl.replication().createPolicySnapshot(request));
    assertInvalidField(
        "INVALID_PARAMETER",
        "snapshot_id",
        () ->
            lockctl
                .replication()
                .createPolicySnapshot(request.toBuilder().setSnapshotId("s-short").build()));
    assertInvalidField("INVALID_PARAMETER", "relationship_id", () -> takePolicySnapshot("x"));
  }

  // Idempotency and dry run

  @Test
  void aDryRunCreatesNoKeyAndUsesNoToken() {
    CreateLockKeyResponse dry =
        lockctl
            .replication()
            .createLockKey(backup.createRequest().setDryRun(true).setClientToken("key-1").build());

    assertEquals("backup-key", dry.getLockKey().getName());
    assertRefused(
        Status.Code.NOT_FOUND,
        "LOCK_KEY_NOT_FOUND",
        () ->
            lockctl
                .replication()
                .getLockKey(GetLockKeyRequest.newBuilder().setLockKeyRef("backup-key").build()));
    LockKey real =
        lockctl
            .replication()
            .createLockKey(backup.createRequest().setClientToken("key-1").build())
            .getLockKey();
    assertEquals(
        real,
        lockctl
            .replication()
            .getLockKey(GetLockKeyRequest.newBuilder().setLockKeyRef("backup-key").build())
            .getLockKey());
  }

  @Test
  void aReplayedKeyCreationReturnsTheSameKeyAndAnotherRequestIsAMismatch() {
    // Sent as it was: ECDSA signatures are randomized, so a fresh verification signature of the
    // same name would make it a different request.
    CreateLockKeyRequest request = backup.createRequest().setClientToken("key-1").build();
    CreateLockKeyResponse first = lockctl.replication().createLockKey(request);
    lockctl.clock().advance(Duration.ofHours(1));

    CreateLockKeyResponse replay = lockctl.replication().createLockKey(request);

    assertEquals(first.toByteString(), replay.toByteString());
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "IDEMPOTENT_PARAMETER_MISMATCH",
        () ->
            lockctl
                .replication()
                .createLockKey(other.createRequest().setClientToken("key-1").build()));
    assertEquals(
        1,
        lockctl
            .replication()
            .listLockKeys(ListLockKeysRequest.getDefaultInstance())
            .getLockKeysCount());
  }

  @Test
  void aReplayedPolicySnapshotReportRegistersOneSnapshot() {
    String id = createRelationship(7).getRelationshipId();
    CreatePolicySnapshotRequest report =
        CreatePolicySnapshotRequest.newBuilder()
            .setRelationshipId(id)
            .setClientToken("engine-report-1")
            .build();

    CreatePolicySnapshotResponse first = lockctl.replication().createPolicySnapshot(report);
    CreatePolicySnapshotResponse replay = lockctl.replication().createPolicySnapshot(report);

    assertEquals(first.toByteString(), replay.toByteString());
    assertEquals(
        1,
        lockctl
            .snapshots()
            .listSnapshots(ListSnapshotsRequest.newBuilder().setRegionId(REGION).build())
            .getSnapshotsCount());
  }

  @Test
  void dryRunsOfRelationshipChangesChangeNothing() {
    create(backup);
    String id = createRelationship(7).getRelationshipId();

    create(other);
    SetTargetRelationshipLockResponse dry =
        lockctl
            .replication()
            .setTargetRelationshipLock(
                SetTargetRelationshipLockRequest.newBuilder()
                    .setRelationshipId(id)
                    .setLockKeyRef("backup-key")
                    .setDryRun(true)
                    .build());
    TargetRelationship reversed =
        lockctl
            .replication()
            .reverseTargetRelationship(
                ReverseTargetRelationshipRequest.newBuilder()
                    .setRelationshipId(id)
                    .setDryRun(true)
                    .build())
            .getTargetRelationship();
    lockctl
        .replication()
        .deleteTargetRelationship(
            DeleteTargetRelationshipRequest.newBuilder()
                .setRelationshipId(id)
                .setDryRun(true)
                .build());
    lockctl
        .replication()
        .deleteLockKey(
            DeleteLockKeyRequest.newBuilder().setLockKeyRef("other-key").setDryRun(true).build());

    assertFalse(dry.getLockKeyRef().isEmpty());
    assertEquals(
        RelationshipOrientation.RELATIONSHIP_ORIENTATION_REVERSED, reversed.getOrientation());
    TargetRelationship stored = get(id);
    assertEquals("", stored.getLockKeyRef());
    assertEquals(
        RelationshipOrientation.RELATIONSHIP_ORIENTATION_ORIGINAL, stored.getOrientation());
    assertEquals(
        2,
        lockctl
            .replication()
            .listLockKeys(ListLockKeysRequest.getDefaultInstance())
            .getLockKeysCount());
  }

  private static SnapshotPolicy policy(long seconds, int nanos) {
    return SnapshotPolicy.newBuilder()
        .setExpirationTtl(
            com.google.protobuf.Duration.newBuilder().setSeconds(seconds).setNanos(nanos))
        .build();
  }

  private Snapshot snapshot(String snapshotId) {
    return lockctl
        .snapshots()
        .getSnapshot(
            GetSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(snapshotId).build())
        .getSnapshot();
  }

  private static List<String> relationshipIds(List<TargetRelationship> relationships) {
    return relationships.stream().map(TargetRelationship::getRelationshipId).toList();
  }
}
