package io.lockctl.core.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.error.RejectedException;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random histories of key, relationship, reverse, revert, set-lock, disable, delete,
 * policy-snapshot and unlock calls, run through the shells (over in-memory repositories) and
 * against {@link ReplicationModel}. After every step both must agree on the outcome and on every
 * relationship's current key, and no key that is some relationship's current (or dormant) key may
 * be disabled or gone.
 */
class ReplicationProperties {
  private static final int KEY_SLOTS = 3;
  private static final int RELATIONSHIP_SLOTS = 3;
  private static final Duration TTL = Duration.ofHours(24);

  /**
   * One private key per key slot (a slot's key re-created after a delete reuses it), and a
   * stranger's.
   */
  private static final List<KeyPair> PAIRS =
      List.of(TestKeys.p256(), TestKeys.p256(), TestKeys.p256());

  private static final KeyPair STRANGER = TestKeys.p256();

  sealed interface Step {}

  record CreateKey(int slot) implements Step {}

  record SetDisabled(int slot, boolean disabled) implements Step {}

  record DeleteKey(int slot) implements Step {}

  record CreateRelationship(int slot, boolean expires) implements Step {}

  record DeleteRelationship(int slot) implements Step {}

  record Reverse(int slot) implements Step {}

  record Revert(int slot) implements Step {}

  /** {@code keySlot} null to clear. */
  record SetLock(int slot, Integer keySlot) implements Step {}

  record TakePolicySnapshot(int slot) implements Step {}

  record Unlock(int snapshot, boolean rightKey) implements Step {}

  record Advance(Duration by) implements Step {}

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void serviceAgreesWithTheModelAndNoCurrentKeyIsEverDisabledOrDeleted(
      @ForAll("histories") List<Step> history) {
    Replication service = new Replication();
    ReplicationModel model = new ReplicationModel();
    Map<Integer, String> relationshipIds = new HashMap<>();
    // key ids in creation order: the model numbers its keys the same way
    List<String> keyIds = new ArrayList<>();
    List<String> snapshotIds = new ArrayList<>();

    for (int n = 0; n < history.size(); n++) {
      Step step = history.get(n);
      int stepNumber = n;
      String expected = modelOutcome(model, step, stepNumber, service);
      String actual = outcome(() -> apply(service, step, relationshipIds, keyIds, snapshotIds));
      assertEquals(
          expected, actual, () -> "outcome of step " + stepNumber + " " + step + " in " + history);
      checkCurrentKeys(service, model, relationshipIds, keyIds, step);
      checkSnapshotLocks(service, model, snapshotIds, keyIds, step);
      checkNoUsedKeyIsDisabledOrGone(service, step);
    }
  }

  private static String modelOutcome(
      ReplicationModel model, Step step, int n, Replication service) {
    if (step instanceof CreateKey s) {
      return model.createKey(s.slot());
    } else if (step instanceof SetDisabled s) {
      return model.setDisabled(s.slot(), s.disabled(), n);
    } else if (step instanceof DeleteKey s) {
      return model.deleteKey(s.slot(), n, service.world.now());
    } else if (step instanceof CreateRelationship s) {
      return model.createRelationship(s.slot(), s.expires());
    } else if (step instanceof DeleteRelationship s) {
      return model.deleteRelationship(s.slot());
    } else if (step instanceof Reverse s) {
      return model.reverse(s.slot(), n);
    } else if (step instanceof Revert s) {
      return model.revert(s.slot());
    } else if (step instanceof SetLock s) {
      return model.setLock(s.slot(), s.keySlot());
    } else if (step instanceof TakePolicySnapshot s) {
      return model.takePolicySnapshot(s.slot(), TTL, service.world.now());
    } else if (step instanceof Unlock s) {
      return model.unlock(s.snapshot(), s.rightKey(), service.world.now());
    }
    service.world.advance(((Advance) step).by());
    return ReplicationModel.OK;
  }

  private static void apply(
      Replication service,
      Step step,
      Map<Integer, String> relationshipIds,
      List<String> keyIds,
      List<String> snapshotIds) {
    InMemoryWorld world = service.world;
    if (step instanceof CreateKey s) {
      LockKey key =
          service.keys.create(world, world, TestKeys.create(name(s.slot()), PAIRS.get(s.slot())));
      keyIds.add(key.id());
    } else if (step instanceof SetDisabled s) {
      service.keys.update(
          world,
          world,
          new UpdateLockKeyCommand(name(s.slot()), "", s.disabled(), List.of("disabled")));
    } else if (step instanceof DeleteKey s) {
      service.keys.delete(world, world, name(s.slot()));
    } else if (step instanceof CreateRelationship s) {
      relationshipIds.put(
          s.slot(),
          service
              .relationships
              .create(
                  world,
                  world,
                  new CreateTargetRelationshipCommand(
                      Fx.REGION, "c", "/s", "/t", s.expires() ? TTL : Duration.ZERO))
              .id());
    } else if (step instanceof DeleteRelationship s) {
      service.relationships.delete(world, world, relationshipId(relationshipIds, s.slot()));
    } else if (step instanceof Reverse s) {
      service.relationships.reverse(world, world, relationshipId(relationshipIds, s.slot()));
    } else if (step instanceof Revert s) {
      service.relationships.revert(world, world, relationshipId(relationshipIds, s.slot()));
    } else if (step instanceof SetLock s) {
      service.relationships.setLock(
          world,
          world,
          new SetTargetRelationshipLockCommand(
              relationshipId(relationshipIds, s.slot()),
              s.keySlot() == null ? "" : name(s.keySlot()),
              s.keySlot() == null));
    } else if (step instanceof TakePolicySnapshot s) {
      snapshotIds.add(
          service
              .takePolicySnapshot(
                  service.relationships.get(
                      world, world, relationshipId(relationshipIds, s.slot())))
              .snapshot()
              .snapshotId());
    } else if (step instanceof Unlock s) {
      unlock(service, s, snapshotIds);
    }
  }

  /**
   * What UnlockSnapshot does for a KEY lock once integrated: get a challenge, sign it (with the
   * key's private key or a stranger's), check, spend the challenge and remove the lock.
   */
  private static void unlock(Replication service, Unlock step, List<String> snapshotIds) {
    InMemoryWorld world = service.world;
    String snapshotId =
        step.snapshot() < snapshotIds.size()
            ? snapshotIds.get(step.snapshot())
            : "s-zzzzzzzzzzzzzzzzzzzz";
    UnlockChallenge challenge = service.unlockChallenges.get(world, Fx.REGION, snapshotId);
    Snapshot snapshot = world.snapshots().find(Fx.REGION, snapshotId).orElseThrow();
    SnapshotLock lock = snapshot.lock();
    KeyPair signer = step.rightKey() ? pairOf(service, lock.lockKeyId()) : STRANGER;
    String signature = TestKeys.sign(signer.getPrivate(), challenge.bytes());
    UnlockChallenge spent =
        service
            .keyUnlocks
            .check(world, Fx.REGION, snapshotId, lock, signature, world.now())
            .orElseThrow();
    service.keyUnlocks.consume(world, spent);
    world.snapshots().update(snapshot.withLock(null));
  }

  /** The private key of a key id: keys of a slot are all made from that slot's pair. */
  private static KeyPair pairOf(Replication service, String keyId) {
    String pem = service.world.lockKeys().findById(keyId).orElseThrow().publicKeyPem();
    return PAIRS.stream()
        .filter(p -> TestKeys.pem(p.getPublic()).equals(pem))
        .findFirst()
        .orElseThrow();
  }

  private static void checkSnapshotLocks(
      Replication service,
      ReplicationModel model,
      List<String> snapshotIds,
      List<String> keyIds,
      Step step) {
    assertEquals(
        model.snapshots.size(), snapshotIds.size(), () -> "policy snapshots after " + step);
    for (int i = 0; i < snapshotIds.size(); i++) {
      ReplicationModel.Lock expected = model.snapshots.get(i);
      SnapshotLock actual =
          service.world.snapshots().find(Fx.REGION, snapshotIds.get(i)).orElseThrow().lock();
      assertEquals(
          expected == null ? null : keyIds.get(expected.key()),
          actual == null ? null : actual.lockKeyId(),
          () -> "lock key of a policy snapshot after " + step);
      assertEquals(
          expected == null ? null : expected.until(),
          actual == null ? null : actual.expireTime().orElseThrow(),
          () -> "lock end after " + step);
    }
  }

  private static void checkCurrentKeys(
      Replication service,
      ReplicationModel model,
      Map<Integer, String> relationshipIds,
      List<String> keyIds,
      Step step) {
    for (int slot = 0; slot < RELATIONSHIP_SLOTS; slot++) {
      ReplicationModel.Relationship expected = model.relationships.get(slot);
      Optional<TargetRelationship> actual =
          Optional.ofNullable(relationshipIds.get(slot))
              .flatMap(service.world.targetRelationships()::find);
      assertEquals(expected != null, actual.isPresent(), () -> "relationship exists after " + step);
      if (expected != null) {
        Integer current = expected.current();
        assertEquals(
            current == null ? Optional.empty() : Optional.of(keyIds.get(current)),
            actual.get().currentKeyId(),
            () -> "current key after " + step);
        assertEquals(
            expected.reversed ? Orientation.REVERSED : Orientation.ORIGINAL,
            actual.get().orientation());
      }
    }
  }

  private static void checkNoUsedKeyIsDisabledOrGone(Replication service, Step step) {
    for (TargetRelationship relationship : service.world.allRelationships().values()) {
      for (Optional<String> keyId :
          List.of(relationship.currentKeyId(), relationship.dormantKeyId())) {
        keyId.ifPresent(
            id -> {
              Optional<LockKey> key = service.world.lockKeys().findById(id);
              assertTrue(
                  key.isPresent() && !key.get().disabled(),
                  () ->
                      "relationship "
                          + relationship
                          + " uses a disabled or deleted key after "
                          + step);
            });
      }
    }
  }

  private static String relationshipId(Map<Integer, String> ids, int slot) {
    // a slot never created, or deleted, names a relationship that does not exist
    return Objects.requireNonNullElse(ids.get(slot), Fx.REL_ID);
  }

  private static String name(int slot) {
    return "key-" + slot;
  }

  private static String outcome(Runnable call) {
    try {
      call.run();
      return ReplicationModel.OK;
    } catch (RejectedException refused) {
      return refused.reason().name();
    }
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Integer> key = Arbitraries.integers().between(0, KEY_SLOTS - 1);
    Arbitrary<Integer> rel = Arbitraries.integers().between(0, RELATIONSHIP_SLOTS - 1);
    Arbitrary<Step> step =
        Arbitraries.frequencyOf(
            Tuple.of(3, key.map(CreateKey::new)),
            Tuple.of(3, Combinators.combine(key, Arbitraries.of(true, false)).as(SetDisabled::new)),
            Tuple.of(2, key.map(DeleteKey::new)),
            Tuple.of(
                2,
                Combinators.combine(rel, Arbitraries.of(true, true, false))
                    .as(CreateRelationship::new)),
            Tuple.of(1, rel.map(DeleteRelationship::new)),
            Tuple.of(3, rel.map(Reverse::new)),
            Tuple.of(3, rel.map(Revert::new)),
            Tuple.of(5, Combinators.combine(rel, key.injectNull(0.2)).as(SetLock::new)),
            Tuple.of(4, rel.map(TakePolicySnapshot::new)),
            Tuple.of(
                2,
                Combinators.combine(
                        Arbitraries.integers().between(0, 5), Arbitraries.of(true, true, false))
                    .as(Unlock::new)),
            Tuple.of(
                1,
                Arbitraries.of(Duration.ofHours(1), Duration.ofHours(12), Duration.ofHours(25))
                    .map(Advance::new)));
    return step.list().ofMinSize(1).ofMaxSize(40);
  }
}
