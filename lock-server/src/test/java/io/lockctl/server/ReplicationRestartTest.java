package io.lockctl.server;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.relationship;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockctl.client.LockctlClient;
import io.lockctl.client.LockctlException;
import io.lockctl.server.testing.LockKeyHolder;
import io.lockctl.v1.CreatePolicySnapshotRequest;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.GetLockKeyRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.GetSnapshotUnlockChallengeRequest;
import io.lockctl.v1.GetTargetRelationshipLockRequest;
import io.lockctl.v1.GetTargetRelationshipRequest;
import io.lockctl.v1.LockKey;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.SetTargetRelationshipLockRequest;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.TargetRelationship;
import io.lockctl.v1.UnlockSnapshotRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication end to end: the production component on a real port, driven by the Java client,
 * stopped and started again on the same data directory. Keys, relationships with their keys and
 * KEY-locked policy snapshots survive, and so does the challenge secret: a challenge signed before
 * the restart unlocks after it.
 */
class ReplicationRestartTest {
  @TempDir Path dataDir;

  private final List<LockctlServer> servers = new ArrayList<>();
  private final List<LockctlClient> clients = new ArrayList<>();

  @AfterEach
  void closeEverything() {
    clients.forEach(LockctlClient::close);
    servers.forEach(server -> server.stop(Duration.ofSeconds(5)));
  }

  @Test
  void keysRelationshipsAndKeyLocksSurviveARestartAndAnEarlierChallengeStillUnlocks()
      throws Exception {
    LockKeyHolder holder = new LockKeyHolder("backup-key");
    LockctlClient before = client(start());
    LockKey key = before.createLockKey(holder.createRequest().build()).getLockKey();
    TargetRelationship relationship =
        before.createTargetRelationship(relationship(7).build()).getTargetRelationship();
    before.setTargetRelationshipLock(
        SetTargetRelationshipLockRequest.newBuilder()
            .setRelationshipId(relationship.getRelationshipId())
            .setLockKeyRef("backup-key")
            .build());
    Snapshot locked =
        before
            .createPolicySnapshot(
                CreatePolicySnapshotRequest.newBuilder()
                    .setRelationshipId(relationship.getRelationshipId())
                    .build())
            .getSnapshot();
    String signature =
        holder.sign(
            before
                .getSnapshotUnlockChallenge(
                    GetSnapshotUnlockChallengeRequest.newBuilder()
                        .setRegionId(REGION)
                        .setSnapshotId(locked.getSnapshotId())
                        .build())
                .getChallenge()
                .toByteArray());
    TargetRelationship withKey =
        before
            .getTargetRelationship(
                GetTargetRelationshipRequest.newBuilder()
                    .setRelationshipId(relationship.getRelationshipId())
                    .build())
            .getTargetRelationship();
    servers.get(0).stop(Duration.ofSeconds(5));

    LockctlClient after = client(start());

    assertEquals(
        key,
        after
            .getLockKey(GetLockKeyRequest.newBuilder().setLockKeyRef("backup-key").build())
            .getLockKey());
    assertEquals(
        withKey,
        after
            .getTargetRelationship(
                GetTargetRelationshipRequest.newBuilder()
                    .setRelationshipId(relationship.getRelationshipId())
                    .build())
            .getTargetRelationship());
    assertEquals(
        key.getLockKeyId(),
        after
            .getTargetRelationshipLock(
                GetTargetRelationshipLockRequest.newBuilder()
                    .setRelationshipId(relationship.getRelationshipId())
                    .build())
            .getLockKeyRef());
    GetSnapshotRequest getSnapshot =
        GetSnapshotRequest.newBuilder()
            .setRegionId(REGION)
            .setSnapshotId(locked.getSnapshotId())
            .build();
    Snapshot stored = after.getSnapshot(getSnapshot).getSnapshot();
    assertEquals(LockStatus.LOCK_STATUS_KEY, stored.getLock().getLockStatus());
    assertEquals(locked.getLock().getLockExpiredTime(), stored.getLock().getLockExpiredTime());
    assertEquals(relationship.getRelationshipId(), stored.getCreatedByPolicy());
    DeleteSnapshotRequest delete =
        DeleteSnapshotRequest.newBuilder()
            .setRegionId(REGION)
            .setSnapshotId(locked.getSnapshotId())
            .build();
    assertEquals(
        "SNAPSHOT_LOCKED",
        assertThrows(LockctlException.class, () -> after.deleteSnapshot(delete)).reason());

    after.unlockSnapshot(
        UnlockSnapshotRequest.newBuilder()
            .setRegionId(REGION)
            .setSnapshotId(locked.getSnapshotId())
            .setSignature(signature)
            .build());

    assertFalse(after.getSnapshot(getSnapshot).getSnapshot().hasLock());
    after.deleteSnapshot(delete);
  }

  private int start() throws Exception {
    LockctlServer server =
        DaggerServerComponent.factory()
            .create(new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5)))
            .server();
    servers.add(server);
    return server.start();
  }

  private LockctlClient client(int port) {
    LockctlClient client =
        LockctlClient.builder().target("127.0.0.1:" + port).caller("replication-admin").build();
    clients.add(client);
    return client;
  }
}
