package io.lockctl.core.replication;

import static io.lockctl.core.lockkey.Fx.WEEK;
import static io.lockctl.core.lockkey.Rejections.refused;
import static io.lockctl.core.testing.World.CALLER;
import static io.lockctl.core.testing.World.await;
import static io.lockctl.core.testing.World.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.error.Reason;
import io.lockctl.core.lockkey.Fx;
import io.lockctl.core.lockkey.KeyHolder;
import io.lockctl.core.lockkey.KeyLockedSnapshot;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.LockKeyUsage;
import io.lockctl.core.lockkey.UpdateLockKeyCommand;
import io.lockctl.core.paging.Page;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.testing.World;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Loading, writing and paging of the replication shells over in-memory repositories. */
class ReplicationShellsTest {
  private final Replication replication = new Replication();
  private final World world = replication.world;

  @Test
  void keysAreFoundByIdOrNameAndListedByNameInPages() {
    LockKey b = replication.createKey("b-key");
    LockKey a = replication.createKey("a-key");
    LockKey c = replication.createKey("c-key");
    assertEquals(a, world.keys.get(CALLER, a.id()));
    assertEquals(a, world.keys.get(CALLER, "a-key"));
    refused(Reason.LOCK_KEY_NOT_FOUND, () -> world.keys.get(CALLER, "d-key"));
    refused(Reason.INVALID_PARAMETER, () -> world.keys.get(CALLER, ""));

    Page<LockKey> first = world.keys.list(CALLER, 2, "");
    assertEquals(List.of(a, b), first.items());
    Page<LockKey> second = world.keys.list(CALLER, 2, first.nextPageToken());
    assertEquals(List.of(c), second.items());
    assertEquals("", second.nextPageToken());
    refused(Reason.INVALID_PAGE_TOKEN, () -> world.keys.list(CALLER, 2, "bogus"));
    refused(Reason.INVALID_PARAMETER, () -> world.keys.list(CALLER, -1, ""));
  }

  @Test
  void aDuplicateNameWritesNothing() {
    LockKey first = replication.createKey("backup-key");
    refused(Reason.LOCK_KEY_ALREADY_EXISTS, () -> replication.createKey("backup-key"));
    assertEquals(Map.of(first.id(), first), replication.allKeys());
  }

  @Test
  void relationshipsAreListedByIdWithAnOptionalRegionFilter() {
    List<TargetRelationship> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(replication.createRelationship(WEEK));
    }
    TargetRelationship elsewhere =
        await(
            world.replication.create(
                call(),
                new CreateTargetRelationshipCommand("us-east-1", "c", "/s", "/t", Duration.ZERO)));
    created.sort((x, y) -> x.id().compareTo(y.id()));

    List<TargetRelationship> seen = new ArrayList<>();
    Page<TargetRelationship> page = world.replication.list(CALLER, Fx.REGION, 2, "");
    seen.addAll(page.items());
    page = world.replication.list(CALLER, Fx.REGION, 2, page.nextPageToken());
    seen.addAll(page.items());
    assertEquals(created, seen);
    assertEquals("", page.nextPageToken());
    assertEquals(4, world.replication.list(CALLER, "", 0, "").items().size());
    assertEquals(List.of(elsewhere), world.replication.list(CALLER, "us-east-1", 0, "").items());
    String token = world.replication.list(CALLER, Fx.REGION, 1, "").nextPageToken();
    refused(Reason.INVALID_PAGE_TOKEN, () -> world.replication.list(CALLER, "us-east-1", 1, token));
    refused(Reason.INVALID_PARAMETER, () -> world.replication.list(CALLER, "Bad", 1, ""));
  }

  @Test
  void deletingARelationshipLeavesItsSnapshotsLocked() {
    replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    PolicySnapshot taken = replication.takePolicySnapshot(relationship);

    assertEquals(
        relationship.withCurrentKey(replication.currentKey(relationship)),
        await(world.replication.delete(call(), relationship.id())));

    refused(Reason.RELATIONSHIP_NOT_FOUND, () -> world.replication.get(CALLER, relationship.id()));
    assertTrue(replication.stored(taken).activeLockAt(world.now()).isPresent());
  }

  @Test
  void usagesListRelationshipsThenLockedSnapshotsAcrossPages() {
    replication.createKey("backup-key");
    TargetRelationship current = replication.createRelationship(WEEK);
    replication.setLock(current, "backup-key");
    TargetRelationship dormant = replication.createRelationship(WEEK);
    replication.setLock(dormant, "backup-key");
    replication.reverse(dormant);
    PolicySnapshot first = replication.takePolicySnapshot(current);
    PolicySnapshot second = replication.takePolicySnapshot(current);
    replication.createRelationship(WEEK);

    List<LockKeyUsage> usages = new ArrayList<>();
    String token = "";
    do {
      Page<LockKeyUsage> page = world.keys.usages(CALLER, "backup-key", 1, token);
      usages.addAll(page.items());
      token = page.nextPageToken();
    } while (!token.isEmpty());

    List<LockKeyUsage> relationships =
        new ArrayList<>(
            List.of(
                new LockKeyUsage.Relationship(
                    new KeyHolder(current.id(), Fx.REGION, KeyHolder.Role.CURRENT)),
                new LockKeyUsage.Relationship(
                    new KeyHolder(dormant.id(), Fx.REGION, KeyHolder.Role.DORMANT))));
    relationships.sort(
        (x, y) ->
            ((LockKeyUsage.Relationship) x)
                .holder()
                .relationshipId()
                .compareTo(((LockKeyUsage.Relationship) y).holder().relationshipId()));
    List<LockKeyUsage> snapshots = new ArrayList<>();
    for (PolicySnapshot taken : List.of(first, second)) {
      snapshots.add(
          new LockKeyUsage.Snapshot(
              new KeyLockedSnapshot(Fx.REGION, taken.snapshot().snapshotId(), taken.expireTime())));
    }
    snapshots.sort(
        (x, y) ->
            ((LockKeyUsage.Snapshot) x)
                .snapshot()
                .snapshotId()
                .compareTo(((LockKeyUsage.Snapshot) y).snapshot().snapshotId()));
    List<LockKeyUsage> expected = new ArrayList<>(relationships);
    expected.addAll(snapshots);
    assertEquals(expected, usages);
  }

  @Test
  void expiredLocksAreNotUsages() {
    replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    replication.takePolicySnapshot(relationship);
    replication.clearLock(relationship);
    world.advance(WEEK);
    assertEquals(List.of(), world.keys.usages(CALLER, "backup-key", 0, "").items());
  }

  @Test
  void aPolicySnapshotIsRegisteredAccomplishedInTheRelationshipsRegion() {
    TargetRelationship relationship = replication.createRelationship(WEEK);
    PolicySnapshot taken =
        await(
                world.replication.createPolicySnapshot(
                    call(),
                    new CreatePolicySnapshotCommand(relationship.id(), "s-0123456789abcdefghij")))
            .value();
    assertEquals(SnapshotStatus.ACCOMPLISHED, taken.snapshot().status());
    assertEquals(Fx.REGION, taken.snapshot().regionId());
    assertEquals(world.now(), taken.snapshot().createTime());
    assertEquals(taken.snapshot(), replication.stored(taken));
  }

  @Test
  void aRefusedPolicySnapshotWritesNothing() {
    replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    PolicySnapshot taken =
        await(
                world.replication.createPolicySnapshot(
                    call(),
                    new CreatePolicySnapshotCommand(relationship.id(), "s-0123456789abcdefghij")))
            .value();

    refused(
        Reason.SNAPSHOT_ALREADY_EXISTS,
        () ->
            await(
                world.replication.createPolicySnapshot(
                    call(),
                    new CreatePolicySnapshotCommand(relationship.id(), "s-0123456789abcdefghij"))));
    refused(
        Reason.INVALID_PARAMETER,
        () ->
            await(
                world.replication.createPolicySnapshot(
                    call(), new CreatePolicySnapshotCommand(relationship.id(), "bad-id"))));
    refused(
        Reason.RELATIONSHIP_NOT_FOUND,
        () ->
            await(
                world.replication.createPolicySnapshot(
                    call(), new CreatePolicySnapshotCommand(Fx.REL_ID, ""))));

    assertEquals(
        Map.of(Fx.REGION + "/s-0123456789abcdefghij", taken.snapshot()),
        replication.allSnapshots());
  }

  @Test
  void theUnlockChallengeShellReadsTheSnapshot() {
    refused(
        Reason.SNAPSHOT_NOT_FOUND,
        () -> world.locks.unlockChallenge(CALLER, Fx.REGION, "s-0123456789abcdefghij"));
    TargetRelationship relationship = replication.createRelationship(WEEK);
    PolicySnapshot unlocked = replication.takePolicySnapshot(relationship);
    refused(
        Reason.SNAPSHOT_NOT_LOCKED,
        () -> world.locks.unlockChallenge(CALLER, Fx.REGION, unlocked.snapshot().snapshotId()));
  }

  @Test
  void refusedKeyChangesWriteNothing() {
    LockKey key = replication.createKey("backup-key");
    TargetRelationship relationship = replication.createRelationship(WEEK);
    replication.setLock(relationship, "backup-key");
    Map<String, TargetRelationship> relationships = replication.allRelationships();

    refused(
        Reason.LOCK_KEY_IN_USE,
        () ->
            await(
                world.keys.update(
                    call(),
                    new UpdateLockKeyCommand(
                        "backup-key", "changed", true, List.of("comment", "disabled")))));

    assertEquals(Map.of(key.id(), key), replication.allKeys());
    assertEquals(relationships, replication.allRelationships());
  }
}
