package io.lockctl.core.store;

import static io.lockctl.core.store.StoreFixture.REGION;
import static io.lockctl.core.store.StoreFixture.START;
import static io.lockctl.core.store.StoreFixture.id;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.lockkey.KeyLockedSnapshot;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.replication.Orientation;
import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.transaction.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The replication repositories (lock keys, target relationships, used unlock challenges, the
 * snapshots a key locks, server secrets) and the policy fields of snapshots; a subclass per store
 * runs it.
 */
public abstract class ReplicationRepositoriesContract {
  private static final Instant T0 = START;
  private static final String KEY_A = "lk-aaaaaaaaaaaaaaaaaaaa";
  private static final String KEY_B = "lk-bbbbbbbbbbbbbbbbbbbb";
  private static final String PEM =
      "-----BEGIN PUBLIC KEY-----\nMFkw...\n-----END PUBLIC KEY-----\n";
  private final StoreFixture fixture = newFixture();

  /** A store on a fresh database of the kind under test. */
  protected abstract StoreFixture newFixture();

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  private static LockKey key(String id, String name) {
    return new LockKey(id, name, "comment of " + name, PEM, false, T0.plusMillis(7));
  }

  private static String relationshipId(int n) {
    return String.format("00000000-0000-4000-8000-%012d", n);
  }

  private static TargetRelationship relationship(
      int n, String region, Orientation orientation, String originalKeyId, String reversedKeyId) {
    return new TargetRelationship(
        relationshipId(n),
        region,
        "cluster-" + n,
        "/src/" + n,
        "/dst/" + n,
        Duration.ofDays(7).plusMillis(n),
        orientation,
        originalKeyId,
        reversedKeyId,
        T0.plusMillis(n));
  }

  @Test
  void lockKeysRoundTripByIdAndByName() {
    LockKey enabled = key(KEY_A, "backup-key");
    LockKey disabled = new LockKey(KEY_B, "old.key_1", "", PEM, true, T0);
    write(
        tx -> {
          tx.lockKeys().insert(enabled);
          tx.lockKeys().insert(disabled);
        });

    assertEquals(Optional.of(enabled), read(tx -> tx.lockKeys().findById(KEY_A)));
    assertEquals(Optional.of(enabled), read(tx -> tx.lockKeys().findByName("backup-key")));
    assertEquals(Optional.of(disabled), read(tx -> tx.lockKeys().findByName("old.key_1")));
    assertEquals(Optional.empty(), read(tx -> tx.lockKeys().findById("lk-cccccccccccccccccccc")));
    assertEquals(Optional.empty(), read(tx -> tx.lockKeys().findByName(KEY_A)));
  }

  @Test
  void aLockKeyUpdatesAndDeletes() {
    write(tx -> tx.lockKeys().insert(key(KEY_A, "backup-key")));
    LockKey changed = new LockKey(KEY_A, "backup-key", "rotated", PEM, true, T0.plusMillis(7));

    write(tx -> tx.lockKeys().update(changed));
    assertEquals(Optional.of(changed), read(tx -> tx.lockKeys().findById(KEY_A)));

    write(tx -> tx.lockKeys().delete(KEY_A));
    assertEquals(Optional.empty(), read(tx -> tx.lockKeys().findById(KEY_A)));
  }

  @Test
  void aLockKeyNameIsUnique() {
    write(tx -> tx.lockKeys().insert(key(KEY_A, "backup-key")));

    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () -> write(tx -> tx.lockKeys().insert(key(KEY_B, "backup-key"))));

    assertInstanceOf(StorageException.class, failure.getCause());
    assertEquals(Optional.empty(), read(tx -> tx.lockKeys().findById(KEY_B)));
  }

  @Test
  void aLockKeyIdIsUnique() {
    write(tx -> tx.lockKeys().insert(key(KEY_A, "backup-key")));

    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () -> write(tx -> tx.lockKeys().insert(key(KEY_A, "other-key"))));

    assertInstanceOf(StorageException.class, failure.getCause());
    assertEquals(Optional.of(key(KEY_A, "backup-key")), read(tx -> tx.lockKeys().findById(KEY_A)));
    assertEquals(Optional.empty(), read(tx -> tx.lockKeys().findByName("other-key")));
  }

  @Test
  void updatingAMissingLockKeyOrRelationshipFails() {
    CompletionException key =
        assertThrows(
            CompletionException.class,
            () -> write(tx -> tx.lockKeys().update(key(KEY_A, "backup-key"))));
    assertEquals(IllegalStateException.class, key.getCause().getClass());

    CompletionException relationship =
        assertThrows(
            CompletionException.class,
            () ->
                write(
                    tx ->
                        tx.targetRelationships()
                            .update(relationship(1, REGION, Orientation.ORIGINAL, null, null))));
    assertEquals(IllegalStateException.class, relationship.getCause().getClass());
    assertEquals(Optional.empty(), read(tx -> tx.lockKeys().findById(KEY_A)));
    assertEquals(Optional.empty(), read(tx -> tx.targetRelationships().find(relationshipId(1))));
  }

  @Test
  void lockKeysListInNameOrderPageByPage() {
    List<String> names = List.of("Zeta", "alpha", "beta", "gamma", "0-first");
    write(
        tx -> {
          for (int i = 0; i < names.size(); i++) {
            tx.lockKeys()
                .insert(key("lk-" + "abcde".charAt(i) + "0000000000000000000", names.get(i)));
          }
        });

    assertEquals(
        List.of("0-first", "Zeta", "alpha"), names(read(tx -> tx.lockKeys().list(null, 3))));
    assertEquals(List.of("beta", "gamma"), names(read(tx -> tx.lockKeys().list("alpha", 3))));
    assertEquals(List.of(), names(read(tx -> tx.lockKeys().list("gamma", 3))));
  }

  @Test
  void relationshipsRoundTripWithEveryKeySlot() {
    List<TargetRelationship> relationships =
        List.of(
            relationship(1, REGION, Orientation.ORIGINAL, null, null),
            relationship(2, REGION, Orientation.ORIGINAL, KEY_A, null),
            relationship(3, "us-east-1", Orientation.REVERSED, KEY_A, KEY_B),
            relationship(4, REGION, Orientation.REVERSED, null, KEY_B),
            new TargetRelationship(
                relationshipId(5),
                REGION,
                "c",
                "/",
                "/" + "x".repeat(4095),
                Duration.ZERO,
                Orientation.ORIGINAL,
                null,
                null,
                T0));
    write(tx -> relationships.forEach(tx.targetRelationships()::insert));

    for (TargetRelationship expected : relationships) {
      assertEquals(Optional.of(expected), read(tx -> tx.targetRelationships().find(expected.id())));
    }
    assertEquals(relationships, read(tx -> tx.targetRelationships().list(null, null, 10)));
  }

  @Test
  void aRelationshipIdIsUnique() {
    TargetRelationship stored = relationship(1, REGION, Orientation.ORIGINAL, KEY_A, null);
    write(tx -> tx.targetRelationships().insert(stored));

    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () ->
                write(
                    tx ->
                        tx.targetRelationships()
                            .insert(
                                relationship(1, "us-east-1", Orientation.REVERSED, null, null))));

    assertInstanceOf(StorageException.class, failure.getCause());
    assertEquals(Optional.of(stored), read(tx -> tx.targetRelationships().find(relationshipId(1))));
  }

  @Test
  void aRelationshipUpdatesAndDeletes() {
    write(
        tx ->
            tx.targetRelationships()
                .insert(relationship(1, REGION, Orientation.ORIGINAL, KEY_A, null)));
    TargetRelationship reversed = relationship(1, REGION, Orientation.REVERSED, KEY_A, KEY_B);

    write(tx -> tx.targetRelationships().update(reversed));
    assertEquals(
        Optional.of(reversed), read(tx -> tx.targetRelationships().find(relationshipId(1))));

    write(tx -> tx.targetRelationships().delete(relationshipId(1)));
    assertEquals(Optional.empty(), read(tx -> tx.targetRelationships().find(relationshipId(1))));
  }

  @Test
  void relationshipsListByRegionInIdOrderPageByPage() {
    write(
        tx -> {
          for (int n = 5; n >= 1; n--) {
            tx.targetRelationships()
                .insert(
                    relationship(
                        n, n % 2 == 0 ? "us-east-1" : REGION, Orientation.ORIGINAL, null, null));
          }
        });

    assertEquals(
        List.of(relationshipId(1), relationshipId(3)),
        ids(read(tx -> tx.targetRelationships().list(REGION, null, 2))));
    assertEquals(
        List.of(relationshipId(5)),
        ids(read(tx -> tx.targetRelationships().list(REGION, relationshipId(3), 2))));
    assertEquals(
        List.of(relationshipId(2), relationshipId(4)),
        ids(read(tx -> tx.targetRelationships().list("us-east-1", null, 5))));
    assertEquals(
        List.of(relationshipId(4), relationshipId(5)),
        ids(read(tx -> tx.targetRelationships().list(null, relationshipId(3), 5))));
  }

  @Test
  void aKeysUsersAreFoundInEitherSlotInIdOrder() {
    write(
        tx -> {
          tx.targetRelationships()
              .insert(relationship(4, REGION, Orientation.REVERSED, KEY_A, KEY_B));
          tx.targetRelationships()
              .insert(relationship(3, REGION, Orientation.REVERSED, null, KEY_A));
          tx.targetRelationships()
              .insert(relationship(2, REGION, Orientation.ORIGINAL, KEY_B, null));
          tx.targetRelationships()
              .insert(relationship(1, "us-east-1", Orientation.ORIGINAL, KEY_A, null));
          tx.targetRelationships()
              .insert(relationship(5, REGION, Orientation.ORIGINAL, null, null));
        });

    assertEquals(
        List.of(relationshipId(1), relationshipId(3), relationshipId(4)),
        ids(read(tx -> tx.targetRelationships().listUsingKey(KEY_A, null, 10))));
    assertEquals(
        List.of(relationshipId(1), relationshipId(3)),
        ids(read(tx -> tx.targetRelationships().listUsingKey(KEY_A, null, 2))));
    assertEquals(
        List.of(relationshipId(4)),
        ids(read(tx -> tx.targetRelationships().listUsingKey(KEY_A, relationshipId(3), 2))));
    assertEquals(
        List.of(relationshipId(2), relationshipId(4)),
        ids(read(tx -> tx.targetRelationships().listUsingKey(KEY_B, null, 10))));
    assertEquals(List.of(), read(tx -> tx.targetRelationships().listUsingKey("lk-none", null, 10)));
  }

  @Test
  void theSnapshotsAKeyLocksAreTheActiveKeyLocksWithThatKeyAcrossRegions() {
    Instant now = T0.plus(Duration.ofDays(1));
    write(
        tx -> {
          tx.snapshots()
              .insert(locked("us-east-1", id(1), keyUntil(KEY_A, T0.plus(Duration.ofDays(5)))));
          tx.snapshots()
              .insert(locked(REGION, id(3), keyUntil(KEY_A, T0.plus(Duration.ofDays(9)))));
          tx.snapshots().insert(locked(REGION, id(2), keyUntil(KEY_A, now.plusMillis(1))));
          // Pending: a days-based lock on a PROGRESSING snapshot has no expiry yet, and counts.
          tx.snapshots()
              .insert(
                  locked(
                          REGION,
                          id(4),
                          new SnapshotLock(
                              LockMode.KEY, T0, 0, new LockTerm.Days(3), null, KEY_A, 1))
                      .withStatus(SnapshotStatus.PROGRESSING));
          // Not counted: expired at now, another key, another mode, no lock.
          tx.snapshots().insert(locked(REGION, id(5), keyUntil(KEY_A, now)));
          tx.snapshots()
              .insert(locked(REGION, id(6), keyUntil(KEY_B, T0.plus(Duration.ofDays(9)))));
          tx.snapshots()
              .insert(
                  locked(
                      REGION,
                      id(7),
                      new SnapshotLock(
                          LockMode.GOVERNANCE, T0, 0, new LockTerm.Days(30), T0, null, 1)));
          tx.snapshots().insert(locked(REGION, id(8), null));
        });

    assertEquals(4L, countActive(KEY_A, now));
    assertEquals(1L, countActive(KEY_B, now));
    assertEquals(1L, countActive(KEY_A, T0.plus(Duration.ofDays(30))), "only the pending lock");
    assertEquals(
        List.of(
            new KeyLockedSnapshot(REGION, id(2), now.plusMillis(1)),
            new KeyLockedSnapshot(REGION, id(3), T0.plus(Duration.ofDays(9))),
            new KeyLockedSnapshot(REGION, id(4), null),
            new KeyLockedSnapshot("us-east-1", id(1), T0.plus(Duration.ofDays(5)))),
        read(tx -> tx.keyLockedSnapshots().listActive(KEY_A, now, null, null, 10)));
    assertEquals(
        List.of(id(3), id(4)),
        snapshotIds(read(tx -> tx.keyLockedSnapshots().listActive(KEY_A, now, REGION, id(2), 2))));
    assertEquals(
        List.of(id(1)),
        snapshotIds(read(tx -> tx.keyLockedSnapshots().listActive(KEY_A, now, REGION, id(4), 2))));
  }

  @Test
  void usedChallengesAreRememberedUntilTheyExpire() {
    Instant expiry = T0.plus(Duration.ofMinutes(6));
    write(tx -> tx.usedUnlockChallenges().insert("nonce-1", expiry));
    write(tx -> tx.usedUnlockChallenges().insert("nonce-2", expiry.plusMillis(1)));

    assertTrue(used("nonce-1"));
    assertFalse(used("nonce-3"));
    CompletionException twice =
        assertThrows(
            CompletionException.class,
            () -> write(tx -> tx.usedUnlockChallenges().insert("nonce-1", expiry.plusSeconds(1))));
    assertInstanceOf(StorageException.class, twice.getCause());

    assertEquals(
        0,
        fixture.store().write(tx -> tx.usedUnlockChallenges().deleteExpiredBefore(expiry)).join());
    assertEquals(
        1,
        fixture
            .store()
            .write(tx -> tx.usedUnlockChallenges().deleteExpiredBefore(expiry.plusMillis(1)))
            .join());
    assertFalse(used("nonce-1"));
    assertTrue(used("nonce-2"));
  }

  @Test
  void theRegularPurgeForgetsExpiredUsedChallenges() {
    write(tx -> tx.usedUnlockChallenges().insert("nonce-1", T0.plus(Duration.ofMinutes(6))));

    assertEquals(0, fixture.purgeExpiredRecords().join());
    fixture.system().advance(Duration.ofMinutes(6).plusMillis(1));
    assertEquals(1, fixture.purgeExpiredRecords().join());

    assertFalse(used("nonce-1"));
  }

  @Test
  void aPolicySnapshotKeepsItsRelationshipAndExpiry() {
    Snapshot policy =
        locked(REGION, id(1), keyUntil(KEY_A, T0.plus(Duration.ofDays(7))))
            .takenByPolicy(relationshipId(1), T0.plus(Duration.ofDays(7)));
    Snapshot plain = locked(REGION, id(2), null);
    write(
        tx -> {
          tx.snapshots().insert(policy);
          tx.snapshots().insert(plain);
        });

    assertEquals(Optional.of(policy), read(tx -> tx.snapshots().find(REGION, id(1))));
    Snapshot stored = read(tx -> tx.snapshots().find(REGION, id(2))).orElseThrow();
    assertEquals("", stored.createdByPolicy());
    assertNull(stored.expireTime());
  }

  /** That it also survives a restart is a durable store's promise: see JdbcStoreContract. */
  @Test
  void theChallengeSecretIsMadeOnceForEachStore() {
    byte[] first = secret(fixture);
    assertEquals(32, first.length);

    assertArrayEquals(first, secret(fixture));
    try (StoreFixture other = newFixture()) {
      assertFalse(Arrays.equals(first, secret(other)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private long countActive(String keyId, Instant now) {
    return fixture.store().read(tx -> tx.keyLockedSnapshots().countActive(keyId, now));
  }

  private boolean used(String nonce) {
    return fixture.store().dryRun(tx -> tx.usedUnlockChallenges().contains(nonce)).join();
  }

  private static SnapshotLock keyUntil(String keyId, Instant expiry) {
    return new SnapshotLock(LockMode.KEY, T0, 0, new LockTerm.Until(expiry), T0, keyId, 1);
  }

  private static Snapshot locked(String region, String snapshotId, SnapshotLock lock) {
    return new Snapshot(
        region,
        snapshotId,
        SnapshotStatus.ACCOMPLISHED,
        0,
        false,
        "",
        Map.of(),
        T0,
        SnapshotState.ACTIVE,
        null,
        lock);
  }

  private static List<String> names(List<LockKey> keys) {
    return keys.stream().map(LockKey::name).toList();
  }

  private static byte[] secret(StoreFixture fixture) {
    return fixture.store().write(tx -> tx.secrets().getOrCreate("unlock-challenge", 32)).join();
  }

  private static List<String> ids(List<TargetRelationship> relationships) {
    return relationships.stream().map(TargetRelationship::id).toList();
  }

  private static List<String> snapshotIds(List<KeyLockedSnapshot> snapshots) {
    return snapshots.stream().map(KeyLockedSnapshot::snapshotId).toList();
  }

  private void write(Consumer<StoreWrites> work) {
    fixture
        .store()
        .write(
            tx -> {
              work.accept(tx);
              return null;
            })
        .join();
  }

  private <T> T read(Function<StoreReads, T> work) {
    return fixture.store().read(work);
  }
}
