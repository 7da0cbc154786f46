package io.lockctl.core.replication;

import io.lockctl.core.idempotency.IdempotencyRepository;
import io.lockctl.core.rule.RuleRepository;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotQuery;
import io.lockctl.core.snapshot.SnapshotRepository;
import io.lockctl.core.store.WriteTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the replication shells touch, in memory, with a settable time: the transaction, the
 * snapshot catalog and the replication repositories. Shells write only what their decisions
 * accepted, so a refusal leaves it unchanged without a rollback.
 */
final class InMemoryWorld implements WriteTransaction {
  private Instant now;
  private final Map<String, Snapshot> snapshots = new TreeMap<>();
  private final Map<String, LockKey> keys = new HashMap<>();
  private final Map<String, TargetRelationship> relationships = new TreeMap<>();
  private final Map<String, Instant> usedChallenges = new HashMap<>();

  InMemoryWorld(Instant start) {
    this.now = start;
  }

  void advance(Duration by) {
    now = now.plus(by);
  }

  @Override
  public Instant now() {
    return now;
  }

  Map<String, Snapshot> allSnapshots() {
    return Map.copyOf(snapshots);
  }

  Map<String, TargetRelationship> allRelationships() {
    return Map.copyOf(relationships);
  }

  Map<String, LockKey> allKeys() {
    return Map.copyOf(keys);
  }

  @Override
  public SnapshotRepository snapshots() {
    return new SnapshotRepository() {
      @Override
      public Optional<Snapshot> find(String regionId, String snapshotId) {
        return Optional.ofNullable(snapshots.get(regionId + "/" + snapshotId));
      }

      @Override
      public void insert(Snapshot snapshot) {
        snapshots.put(snapshot.regionId() + "/" + snapshot.snapshotId(), snapshot);
      }

      @Override
      public void update(Snapshot snapshot) {
        insert(snapshot);
      }

      @Override
      public void delete(String regionId, String snapshotId) {
        snapshots.remove(regionId + "/" + snapshotId);
      }

      @Override
      public List<Snapshot> list(SnapshotQuery query) {
        throw new UnsupportedOperationException("the replication shells never list the catalog");
      }

      @Override
      public List<LockedSnapshot> listLocks(SnapshotQuery query) {
        throw new UnsupportedOperationException("the replication shells never list locks");
      }

      @Override
      public int deleteGoneFromRecycleBin(Instant at) {
        throw new UnsupportedOperationException(
            "the replication shells never reclaim the recycle bin");
      }
    };
  }

  @Override
  public RuleRepository rules() {
    throw new UnsupportedOperationException("the replication shells never read retention rules");
  }

  @Override
  public IdempotencyRepository idempotency() {
    throw new UnsupportedOperationException(
        "the replication shells leave idempotency to MutationRunner");
  }

  @Override
  public LockKeyRepository lockKeys() {
    return new LockKeyRepository() {
      @Override
      public Optional<LockKey> findById(String id) {
        return Optional.ofNullable(keys.get(id));
      }

      @Override
      public Optional<LockKey> findByName(String name) {
        return keys.values().stream().filter(k -> k.name().equals(name)).findFirst();
      }

      @Override
      public void insert(LockKey key) {
        keys.put(key.id(), key);
      }

      @Override
      public void update(LockKey key) {
        keys.put(key.id(), key);
      }

      @Override
      public void delete(String id) {
        keys.remove(id);
      }

      @Override
      public List<LockKey> list(String afterName, int limit) {
        return keys.values().stream()
            .filter(k -> afterName == null || k.name().compareTo(afterName) > 0)
            .sorted(Comparator.comparing(LockKey::name))
            .limit(limit)
            .toList();
      }
    };
  }

  @Override
  public TargetRelationshipRepository targetRelationships() {
    return new TargetRelationshipRepository() {
      @Override
      public Optional<TargetRelationship> find(String id) {
        return Optional.ofNullable(relationships.get(id));
      }

      @Override
      public void insert(TargetRelationship relationship) {
        relationships.put(relationship.id(), relationship);
      }

      @Override
      public void update(TargetRelationship relationship) {
        relationships.put(relationship.id(), relationship);
      }

      @Override
      public void delete(String id) {
        relationships.remove(id);
      }

      @Override
      public List<TargetRelationship> list(String regionId, String afterId, int limit) {
        return relationships.values().stream()
            .filter(r -> regionId == null || r.regionId().equals(regionId))
            .filter(r -> afterId == null || r.id().compareTo(afterId) > 0)
            .limit(limit)
            .toList();
      }

      @Override
      public List<TargetRelationship> listUsingKey(String keyId, String afterId, int limit) {
        return relationships.values().stream()
            .filter(r -> keyId.equals(r.originalKeyId()) || keyId.equals(r.reversedKeyId()))
            .filter(r -> afterId == null || r.id().compareTo(afterId) > 0)
            .limit(limit)
            .toList();
      }
    };
  }

  @Override
  public KeyLockedSnapshotRepository keyLockedSnapshots() {
    return new KeyLockedSnapshotRepository() {
      @Override
      public long countActive(String keyId, Instant at) {
        return listActive(keyId, at, null, null, Integer.MAX_VALUE).size();
      }

      @Override
      public List<KeyLockedSnapshot> listActive(
          String keyId, Instant at, String afterRegionId, String afterSnapshotId, int limit) {
        String after = afterRegionId == null ? null : afterRegionId + "/" + afterSnapshotId;
        return snapshots.entrySet().stream()
            .filter(e -> after == null || e.getKey().compareTo(after) > 0)
            .map(Map.Entry::getValue)
            .filter(
                s ->
                    s.activeLockAt(at)
                        .filter(l -> l.mode() == LockMode.KEY && keyId.equals(l.lockKeyId()))
                        .isPresent())
            .limit(limit)
            .map(
                s ->
                    new KeyLockedSnapshot(
                        s.regionId(), s.snapshotId(), s.lock().expireTime().orElse(null)))
            .toList();
      }
    };
  }

  @Override
  public UsedUnlockChallengeRepository usedUnlockChallenges() {
    return new UsedUnlockChallengeRepository() {
      @Override
      public boolean contains(String nonce) {
        return usedChallenges.containsKey(nonce);
      }

      @Override
      public void insert(String nonce, Instant expireTime) {
        usedChallenges.put(nonce, expireTime);
      }

      @Override
      public int deleteExpiredBefore(Instant cutoff) {
        int before = usedChallenges.size();
        usedChallenges.values().removeIf(expiry -> expiry.isBefore(cutoff));
        return before - usedChallenges.size();
      }
    };
  }
}
