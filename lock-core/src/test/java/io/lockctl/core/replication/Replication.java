package io.lockctl.core.replication;

import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotCatalog;
import java.security.KeyPair;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The replication shells over one {@link InMemoryWorld}, with the private keys the tests hold. */
final class Replication {
  final InMemoryWorld world = new InMemoryWorld(Fx.T0);
  final LockKeys keys = new LockKeys();
  final TargetRelationships relationships = new TargetRelationships();
  final PolicySnapshots policySnapshots = new PolicySnapshots(new SnapshotCatalog());
  final UnlockChallenges challenges = new UnlockChallenges(new byte[32]);
  final KeyUnlocks keyUnlocks = new KeyUnlocks(challenges);
  final SnapshotUnlockChallenges unlockChallenges = new SnapshotUnlockChallenges(challenges);
  private final Map<String, KeyPair> privateKeys = new HashMap<>();

  LockKey createKey(String name) {
    KeyPair pair = TestKeys.p256();
    LockKey key = keys.create(world, world, TestKeys.create(name, pair));
    privateKeys.put(key.id(), pair);
    return key;
  }

  TargetRelationship createRelationship(Duration ttl) {
    return relationships.create(
        world,
        world,
        new CreateTargetRelationshipCommand(Fx.REGION, "cluster-a", "/data", "/replica", ttl));
  }

  TargetRelationship setLock(TargetRelationship relationship, String keyRef) {
    return relationships.setLock(
        world, world, new SetTargetRelationshipLockCommand(relationship.id(), keyRef, false));
  }

  TargetRelationship clearLock(TargetRelationship relationship) {
    return relationships.setLock(
        world, world, new SetTargetRelationshipLockCommand(relationship.id(), "", true));
  }

  TargetRelationship reverse(TargetRelationship relationship) {
    return relationships.reverse(world, world, relationship.id());
  }

  TargetRelationship revert(TargetRelationship relationship) {
    return relationships.revert(world, world, relationship.id());
  }

  String currentKey(TargetRelationship relationship) {
    return relationships.getLock(world, world, relationship.id()).orElse("");
  }

  LockKey disable(LockKey key) {
    return keys.update(
        world, world, new UpdateLockKeyCommand(key.name(), "", true, List.of("disabled")));
  }

  LockKey enable(LockKey key) {
    return keys.update(
        world, world, new UpdateLockKeyCommand(key.id(), "", false, List.of("disabled")));
  }

  LockKey delete(LockKey key) {
    return keys.delete(world, world, key.name());
  }

  PolicySnapshot takePolicySnapshot(TargetRelationship relationship) {
    return policySnapshots.create(
        world, world, new CreatePolicySnapshotCommand(relationship.id(), ""));
  }

  /** The snapshot as stored now. */
  Snapshot stored(PolicySnapshot policySnapshot) {
    Snapshot snapshot = policySnapshot.snapshot();
    return world.snapshots().find(snapshot.regionId(), snapshot.snapshotId()).orElseThrow();
  }

  /**
   * The lock key's signature of the snapshot's current unlock challenge, as its holder makes it.
   */
  String signedChallenge(Snapshot snapshot) {
    UnlockChallenge challenge =
        unlockChallenges.get(world, snapshot.regionId(), snapshot.snapshotId());
    return TestKeys.sign(
        privateKeys.get(snapshot.lock().lockKeyId()).getPrivate(), challenge.bytes());
  }
}
