package io.lockctl.core.replication;

import static io.lockctl.core.testing.World.await;
import static io.lockctl.core.testing.World.call;

import io.lockctl.core.lockkey.Fx;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.TestKeys;
import io.lockctl.core.lockkey.UnlockChallenge;
import io.lockctl.core.lockkey.UpdateLockKeyCommand;
import io.lockctl.core.snapshot.ListSnapshotsQuery;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshotlock.UnlockSnapshotCommand;
import io.lockctl.core.snapshotlock.UnlockedSnapshot;
import io.lockctl.core.testing.World;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The replication calls of the application services over one in-memory {@link World}, with the
 * private keys the tests hold.
 */
final class Replication {
  final World world = World.inMemory(Fx.T0);
  private final Map<String, KeyPair> privateKeys = new HashMap<>();

  LockKey createKey(String name) {
    KeyPair pair = TestKeys.p256();
    LockKey key = await(world.keys.create(call(), TestKeys.create(name, pair)));
    privateKeys.put(key.id(), pair);
    return key;
  }

  TargetRelationship createRelationship(Duration ttl) {
    return await(
        world.replication.create(
            call(),
            new CreateTargetRelationshipCommand(Fx.REGION, "cluster-a", "/data", "/replica", ttl)));
  }

  TargetRelationship setLock(TargetRelationship relationship, String keyRef) {
    return await(
        world.replication.setLock(
            call(), new SetTargetRelationshipLockCommand(relationship.id(), keyRef, false)));
  }

  TargetRelationship clearLock(TargetRelationship relationship) {
    return await(
        world.replication.setLock(
            call(), new SetTargetRelationshipLockCommand(relationship.id(), "", true)));
  }

  TargetRelationship reverse(TargetRelationship relationship) {
    return await(world.replication.reverse(call(), relationship.id()));
  }

  TargetRelationship revert(TargetRelationship relationship) {
    return await(world.replication.revert(call(), relationship.id()));
  }

  String currentKey(TargetRelationship relationship) {
    return world.replication.getLock(World.CALLER, relationship.id()).orElse("");
  }

  LockKey disable(LockKey key) {
    return await(
        world.keys.update(
            call(), new UpdateLockKeyCommand(key.name(), "", true, List.of("disabled"))));
  }

  LockKey enable(LockKey key) {
    return await(
        world.keys.update(
            call(), new UpdateLockKeyCommand(key.id(), "", false, List.of("disabled"))));
  }

  LockKey delete(LockKey key) {
    return await(world.keys.delete(call(), key.name()));
  }

  PolicySnapshot takePolicySnapshot(TargetRelationship relationship) {
    return await(
            world.replication.createPolicySnapshot(
                call(), new CreatePolicySnapshotCommand(relationship.id(), "")))
        .value();
  }

  /** The snapshot as stored now. */
  Snapshot stored(PolicySnapshot policySnapshot) {
    Snapshot snapshot = policySnapshot.snapshot();
    return world.read(
        tx -> tx.snapshots().find(snapshot.regionId(), snapshot.snapshotId()).orElseThrow());
  }

  /** The snapshot's current unlock challenge. */
  UnlockChallenge challenge(Snapshot snapshot) {
    return world.locks.unlockChallenge(World.CALLER, snapshot.regionId(), snapshot.snapshotId());
  }

  /**
   * The lock key's signature of the snapshot's current unlock challenge, as its holder makes it.
   */
  String signedChallenge(Snapshot snapshot) {
    return TestKeys.sign(
        privateKeys.get(snapshot.lock().lockKeyId()).getPrivate(), challenge(snapshot).bytes());
  }

  UnlockedSnapshot unlock(Snapshot snapshot, String signature) {
    return await(
            world.locks.unlock(
                call(),
                new UnlockSnapshotCommand(snapshot.regionId(), snapshot.snapshotId(), signature)))
        .value();
  }

  /** Every key, by id. */
  Map<String, LockKey> allKeys() {
    Map<String, LockKey> keys = new LinkedHashMap<>();
    world.read(tx -> tx.lockKeys().list(null, 1000)).forEach(key -> keys.put(key.id(), key));
    return keys;
  }

  /** Every relationship, by id. */
  Map<String, TargetRelationship> allRelationships() {
    Map<String, TargetRelationship> relationships = new LinkedHashMap<>();
    world
        .read(tx -> tx.targetRelationships().list(null, null, 1000))
        .forEach(relationship -> relationships.put(relationship.id(), relationship));
    return relationships;
  }

  /** Every snapshot of the test region, by "region/id". */
  Map<String, Snapshot> allSnapshots() {
    Map<String, Snapshot> snapshots = new LinkedHashMap<>();
    world
        .snapshots
        .list(World.CALLER, new ListSnapshotsQuery(Fx.REGION, null, false, "", null, 1000, ""))
        .value()
        .items()
        .forEach(
            snapshot -> snapshots.put(snapshot.regionId() + "/" + snapshot.snapshotId(), snapshot));
    return snapshots;
  }
}
