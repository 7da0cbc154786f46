package io.lockctl.server.replication;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.lock;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.relationship;
import static io.lockctl.server.testing.Requests.snapshotId;
import static io.lockctl.server.testing.Requests.unlock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.lockctl.core.lockkey.Openssl;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.LockKeyHolder;
import io.lockctl.server.testing.Refusals.Refusal;
import io.lockctl.v1.CreateLockKeyRequest;
import io.lockctl.v1.CreatePolicySnapshotRequest;
import io.lockctl.v1.DeleteLockKeyRequest;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.GetSnapshotUnlockChallengeRequest;
import io.lockctl.v1.GetSnapshotUnlockChallengeResponse;
import io.lockctl.v1.LockKey;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.LockedSnapshotInfo;
import io.lockctl.v1.SetTargetRelationshipLockRequest;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.UnlockSnapshotRequest;
import io.lockctl.v1.UnlockSnapshotResponse;
import io.lockctl.v1.UpdateLockKeyRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key workflow through gRPC, as a replication admin runs it: register a key, set it on a
 * relationship, let the policy take a snapshot (KEY-locked), ask for the unlock challenge, sign it,
 * unlock, delete. Also LockSnapshot in KEY mode and every way an unlock signature is refused.
 */
class KeyWorkflowTest {
  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  private final LockKeyHolder backup = new LockKeyHolder("backup-key");

  private LockKey create(LockKeyHolder holder) {
    return lockctl.replication().createLockKey(holder.createRequest().build()).getLockKey();
  }

  /** A snapshot the policy of a 7-day relationship with {@code keyRef} took now: KEY-locked. */
  private Snapshot keyLockedPolicySnapshot(String keyRef) {
    String relationshipId =
        lockctl
            .replication()
            .createTargetRelationship(relationship(7).build())
            .getTargetRelationship()
            .getRelationshipId();
    lockctl
        .replication()
        .setTargetRelationshipLock(
            SetTargetRelationshipLockRequest.newBuilder()
                .setRelationshipId(relationshipId)
                .setLockKeyRef(keyRef)
                .build());
    return lockctl
        .replication()
        .createPolicySnapshot(
            CreatePolicySnapshotRequest.newBuilder().setRelationshipId(relationshipId).build())
        .getSnapshot();
  }

  private GetSnapshotUnlockChallengeResponse challenge(String snapshotId) {
    return lockctl
        .locks()
        .getSnapshotUnlockChallenge(
            GetSnapshotUnlockChallengeRequest.newBuilder()
                .setRegionId(REGION)
                .setSnapshotId(snapshotId)
                .build());
  }

  private String signedChallenge(LockKeyHolder holder, String snapshotId) {
    return holder.sign(challenge(snapshotId).getChallenge().toByteArray());
  }

  private UnlockSnapshotResponse unlockWith(String snapshotId, String signature) {
    return lockctl.locks().unlockSnapshot(unlock(snapshotId).setSignature(signature).build());
  }

  private DeleteSnapshotRequest delete(String snapshotId) {
    return DeleteSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(snapshotId).build();
  }

  private Snapshot get(String snapshotId) {
    return lockctl
        .snapshots()
        .getSnapshot(
            GetSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(snapshotId).build())
        .getSnapshot();
  }

  @Test
  void theWholeKeyWorkflow() {
    LockKey key = create(backup);
    Snapshot locked = keyLockedPolicySnapshot("backup-key");
    String id = locked.getSnapshotId();
    assertEquals(LockStatus.LOCK_STATUS_KEY, locked.getLock().getLockStatus());

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_LOCKED",
        () -> lockctl.snapshots().deleteSnapshot(delete(id)));

    Instant now = lockctl.now();
    GetSnapshotUnlockChallengeResponse challenge = challenge(id);
    String text = challenge.getChallenge().toStringUtf8();
    assertTrue(text.matches("[\\x20-\\x7E]+"), text);
    assertTrue(text.contains(" snapshot=" + id + " "), text);
    assertEquals(key.getLockKeyId(), challenge.getLockKeyRef());
    assertEquals(ProtoTime.toTimestamp(now), challenge.getIssueTime());
    assertEquals(ProtoTime.toTimestamp(now.plus(Duration.ofMinutes(6))), challenge.getExpireTime());

    UnlockSnapshotResponse unlocked =
        unlockWith(id, backup.sign(challenge.getChallenge().toByteArray()));

    assertEquals(locked.getLock(), unlocked.getRemovedLock());
    assertFalse(get(id).hasLock());
    lockctl.snapshots().deleteSnapshot(delete(id));
    assertRefused(Status.Code.NOT_FOUND, "SNAPSHOT_NOT_FOUND", () -> get(id));
  }

  @Test
  void theWorkflowWithTheOpensslCommandLine(@TempDir Path dir) {
    Assumptions.assumeTrue(Openssl.installed(), "openssl is not installed");
    Openssl openssl = new Openssl(dir);
    openssl.run("openssl ecparam -name prime256v1 -genkey -noout -out key.pem");
    openssl.run("openssl ec -in key.pem -pubout -out pub.pem");
    lockctl
        .replication()
        .createLockKey(
            CreateLockKeyRequest.newBuilder()
                .setName("backup-key")
                .setPublicKey(openssl.read("pub.pem"))
                .setVerificationSignature(
                    openssl.run(
                        "printf %s backup-key | openssl dgst -sha256 -sign key.pem | base64 -w0"))
                .build());
    String id = keyLockedPolicySnapshot("backup-key").getSnapshotId();

    openssl.write("challenge.bin", challenge(id).getChallenge().toByteArray());
    String signature = openssl.run("openssl dgst -sha256 -sign key.pem challenge.bin | base64 -w0");

    unlockWith(id, signature);
    lockctl.snapshots().deleteSnapshot(delete(id));
  }

  @Test
  void lockSnapshotInKeyModeLocksWithAnEnabledKeyAndOnlyExtends() {
    LockKey key = create(backup);
    create(new LockKeyHolder("other-key"));
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());

    LockedSnapshotInfo info =
        lockctl
            .locks()
            .lockSnapshot(
                lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 30).setLockKeyRef("backup-key").build())
            .getLockedSnapshotInfo();
    assertEquals(LockStatus.LOCK_STATUS_KEY, info.getLockStatus());
    assertEquals(key.getLockKeyId(), info.getLockKeyRef());

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_LOCKED",
        () ->
            lockctl
                .locks()
                .lockSnapshot(
                    lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 60)
                        .setLockKeyRef("other-key")
                        .build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_LOCKED",
        () ->
            lockctl
                .locks()
                .lockSnapshot(
                    lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 30)
                        .setLockKeyRef("backup-key")
                        .build()));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_LOCKED",
        () -> lockctl.locks().lockSnapshot(governance(snapshotId(1), 60).build()));
    assertEquals(info, get(snapshotId(1)).getLock());

    LockedSnapshotInfo extended =
        lockctl
            .locks()
            .lockSnapshot(
                lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 31)
                    .setLockKeyRef(key.getLockKeyId())
                    .build())
            .getLockedSnapshotInfo();
    assertEquals(31, extended.getLockDurationDays());
    assertEquals(info.getLockCreationTime(), extended.getLockCreationTime());
  }

  @Test
  void aDisabledKeyNeitherLocksNorExtendsButStillUnlocks() {
    LockKey key = create(backup);
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl.snapshots().registerSnapshot(register(snapshotId(2)).build());
    lockctl
        .locks()
        .lockSnapshot(
            lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 30).setLockKeyRef("backup-key").build());
    lockctl
        .replication()
        .updateLockKey(
            UpdateLockKeyRequest.newBuilder()
                .setLockKeyRef("backup-key")
                .setLockKey(LockKey.newBuilder().setDisabled(true))
                .setUpdateMask(FieldMask.newBuilder().addPaths("disabled"))
                .build());

    Refusal refusal =
        assertRefused(
            Status.Code.FAILED_PRECONDITION,
            "LOCK_KEY_DISABLED",
            () ->
                lockctl
                    .locks()
                    .lockSnapshot(
                        lock(snapshotId(2), LockMode.LOCK_MODE_KEY, 30)
                            .setLockKeyRef("backup-key")
                            .build()));
    assertEquals(key.getLockKeyId(), refusal.errorInfo().getMetadataOrThrow("lock_key_id"));
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "LOCK_KEY_DISABLED",
        () ->
            lockctl
                .locks()
                .lockSnapshot(
                    lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 60)
                        .setLockKeyRef("backup-key")
                        .build()));

    unlockWith(snapshotId(1), signedChallenge(backup, snapshotId(1)));
    assertFalse(get(snapshotId(1)).hasLock());
  }

  @Test
  void aKeyLockOfAnUnknownKeyIsLockKeyNotFound() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());

    assertRefused(
        Status.Code.NOT_FOUND,
        "LOCK_KEY_NOT_FOUND",
        () ->
            lockctl
                .locks()
                .lockSnapshot(
                    lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 30)
                        .setLockKeyRef("lk-aaaaaaaaaaaaaaaaaaaa")
                        .build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "lock_key_ref",
        () ->
            lockctl.locks().lockSnapshot(lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 30).build()));
  }

  @Test
  void aMissingOrWrongSignatureIsPermissionDenied() {
    create(backup);
    String id = keyLockedPolicySnapshot("backup-key").getSnapshotId();
    LockKeyHolder stranger = new LockKeyHolder("stranger");

    assertRefused(
        Status.Code.PERMISSION_DENIED,
        "INVALID_UNLOCK_SIGNATURE",
        () -> lockctl.locks().unlockSnapshot(unlock(id).build()));
    assertRefused(
        Status.Code.PERMISSION_DENIED,
        "INVALID_UNLOCK_SIGNATURE",
        () -> unlockWith(id, signedChallenge(stranger, id)));
    assertRefused(
        Status.Code.PERMISSION_DENIED,
        "INVALID_UNLOCK_SIGNATURE",
        () -> unlockWith(id, backup.sign("some other text".getBytes(StandardCharsets.US_ASCII))));
    assertRefused(
        Status.Code.PERMISSION_DENIED,
        "INVALID_UNLOCK_SIGNATURE",
        () -> unlockWith(id, "!!not base64!!"));
    assertTrue(get(id).hasLock());
  }

  @Test
  void anExtensionMakesAnEarlierChallengeStale() {
    create(backup);
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl
        .locks()
        .lockSnapshot(
            lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 30).setLockKeyRef("backup-key").build());
    String beforeExtension = signedChallenge(backup, snapshotId(1));

    lockctl
        .locks()
        .lockSnapshot(
            lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 31).setLockKeyRef("backup-key").build());

    assertRefused(
        Status.Code.PERMISSION_DENIED,
        "INVALID_UNLOCK_SIGNATURE",
        () -> unlockWith(snapshotId(1), beforeExtension));
    unlockWith(snapshotId(1), signedChallenge(backup, snapshotId(1)));
  }

  @Test
  void aChallengeExpiresAfterSixMinutesAtMost() {
    create(backup);
    String id = keyLockedPolicySnapshot("backup-key").getSnapshotId();
    GetSnapshotUnlockChallengeResponse challenge = challenge(id);
    String signature = backup.sign(challenge.getChallenge().toByteArray());

    lockctl.clock().set(ProtoTime.toInstant(challenge.getExpireTime(), "expire_time"));

    assertRefused(
        Status.Code.PERMISSION_DENIED, "INVALID_UNLOCK_SIGNATURE", () -> unlockWith(id, signature));
    unlockWith(id, signedChallenge(backup, id));
  }

  @Test
  void aSignatureRemovesALockOnceButItsReplayByTokenAnswersAgain() {
    create(backup);
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl
        .locks()
        .lockSnapshot(
            lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 30).setLockKeyRef("backup-key").build());
    String signature = signedChallenge(backup, snapshotId(1));
    UnlockSnapshotRequest request =
        unlock(snapshotId(1)).setSignature(signature).setClientToken("unlock-1").build();

    UnlockSnapshotResponse first = lockctl.locks().unlockSnapshot(request);
    // The same lock again, in the same millisecond: the same challenge, already spent.
    lockctl
        .locks()
        .lockSnapshot(
            lock(snapshotId(1), LockMode.LOCK_MODE_KEY, 30).setLockKeyRef("backup-key").build());

    assertEquals(first.toByteString(), lockctl.locks().unlockSnapshot(request).toByteString());
    assertTrue(get(snapshotId(1)).hasLock());
    assertRefused(
        Status.Code.PERMISSION_DENIED,
        "INVALID_UNLOCK_SIGNATURE",
        () ->
            lockctl.locks().unlockSnapshot(request.toBuilder().setClientToken("unlock-2").build()));
  }

  @Test
  void aDryRunUnlockChecksTheSignatureWithoutSpendingIt() {
    create(backup);
    String id = keyLockedPolicySnapshot("backup-key").getSnapshotId();
    String signature = signedChallenge(backup, id);

    UnlockSnapshotResponse dry =
        lockctl.locks().unlockSnapshot(unlock(id).setSignature(signature).setDryRun(true).build());
    assertRefused(
        Status.Code.PERMISSION_DENIED,
        "INVALID_UNLOCK_SIGNATURE",
        () ->
            lockctl
                .locks()
                .unlockSnapshot(unlock(id).setSignature("AAAA").setDryRun(true).build()));

    assertTrue(get(id).hasLock());
    assertEquals(dry, unlockWith(id, signature));
    assertFalse(get(id).hasLock());
  }

  @Test
  void aKeyIsDeletedOnlyOnceItsLocksAreGone() {
    create(backup);
    String id = keyLockedPolicySnapshot("backup-key").getSnapshotId();
    lockctl
        .replication()
        .setTargetRelationshipLock(
            SetTargetRelationshipLockRequest.newBuilder()
                .setRelationshipId(get(id).getCreatedByPolicy())
                .setClearLockKey(true)
                .build());
    DeleteLockKeyRequest deleteKey =
        DeleteLockKeyRequest.newBuilder().setLockKeyRef("backup-key").build();

    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "LOCK_KEY_IN_USE",
        () -> lockctl.replication().deleteLockKey(deleteKey));
    unlockWith(id, signedChallenge(backup, id));

    assertEquals(
        "backup-key", lockctl.replication().deleteLockKey(deleteKey).getLockKey().getName());
  }

  @Test
  void getSnapshotUnlockChallengeNeedsAnActiveKeyLock() {
    lockctl.snapshots().registerSnapshot(register(snapshotId(1)).build());
    lockctl.snapshots().registerSnapshot(register(snapshotId(2)).build());
    lockctl.locks().lockSnapshot(governance(snapshotId(2), 5).build());

    assertInvalidField("INVALID_PARAMETER", "snapshot_id", () -> challenge("s-short"));
    assertInvalidField(
        "INVALID_PARAMETER",
        "region_id",
        () ->
            lockctl
                .locks()
                .getSnapshotUnlockChallenge(
                    GetSnapshotUnlockChallengeRequest.newBuilder()
                        .setRegionId("Bad")
                        .setSnapshotId(snapshotId(1))
                        .build()));
    assertRefused(Status.Code.NOT_FOUND, "SNAPSHOT_NOT_FOUND", () -> challenge(snapshotId(9)));
    assertRefused(Status.Code.NOT_FOUND, "SNAPSHOT_NOT_LOCKED", () -> challenge(snapshotId(1)));
    assertRefused(Status.Code.NOT_FOUND, "SNAPSHOT_NOT_LOCKED", () -> challenge(snapshotId(2)));
  }
}
