package io.lockctl.server;

import dagger.Module;
import dagger.Provides;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clockcontrol.ClockControlService;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.lockkey.LockKeyService;
import io.lockctl.core.lockkey.LockKeys;
import io.lockctl.core.lockkey.UnlockChallenges;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.replication.PolicySnapshots;
import io.lockctl.core.replication.ReplicationService;
import io.lockctl.core.replication.TargetRelationships;
import io.lockctl.core.rule.RetentionRuleService;
import io.lockctl.core.rule.RetentionRules;
import io.lockctl.core.rule.RuleTagService;
import io.lockctl.core.snapshot.SnapshotCatalog;
import io.lockctl.core.snapshot.SnapshotService;
import io.lockctl.core.snapshotlock.SnapshotLockService;
import io.lockctl.core.snapshotlock.SnapshotLocking;
import io.lockctl.core.store.Store;
import jakarta.inject.Singleton;

/** The domain: lock-core has no Dagger, so its application services are made here. */
@Module
public interface CoreModule {
  /** The name under which the store keeps the unlock challenges' HMAC key. */
  String UNLOCK_CHALLENGE_SECRET = "unlock-challenge";

  @Provides
  @Singleton
  static RandomIds randomIds() {
    return new RandomIds();
  }

  /**
   * Challenges keyed by a secret the store keeps (made on the first start), so that a challenge
   * verifies across restarts and on every replica.
   */
  @Provides
  @Singleton
  static UnlockChallenges unlockChallenges(Store store) {
    return new UnlockChallenges(
        store.write(tx -> tx.secrets().getOrCreate(UNLOCK_CHALLENGE_SECRET, 32)).join());
  }

  @Provides
  @Singleton
  static SnapshotCatalog snapshotCatalog(RandomIds ids) {
    return new SnapshotCatalog(ids);
  }

  @Provides
  @Singleton
  static SnapshotService snapshotService(
      Store store, OperationRunner operations, SnapshotCatalog catalog) {
    return new SnapshotService(store, operations, catalog);
  }

  @Provides
  @Singleton
  static SnapshotLockService snapshotLockService(
      Store store, OperationRunner operations, UnlockChallenges challenges) {
    return new SnapshotLockService(store, operations, new SnapshotLocking(challenges));
  }

  @Provides
  @Singleton
  static RetentionRuleService retentionRuleService(
      Store store, OperationRunner operations, RandomIds ids) {
    return new RetentionRuleService(store, operations, new RetentionRules(ids));
  }

  @Provides
  @Singleton
  static RuleTagService ruleTagService(Store store, OperationRunner operations) {
    return new RuleTagService(store, operations);
  }

  @Provides
  @Singleton
  static LockKeyService lockKeyService(Store store, OperationRunner operations, RandomIds ids) {
    return new LockKeyService(store, operations, new LockKeys(ids));
  }

  @Provides
  @Singleton
  static ClockControlService clockControlService(
      Store store, OperationRunner operations, ComplianceClock clock) {
    return new ClockControlService(store, operations, clock);
  }

  @Provides
  @Singleton
  static ReplicationService replicationService(
      Store store, OperationRunner operations, RandomIds ids, SnapshotCatalog catalog) {
    return new ReplicationService(
        store, operations, new TargetRelationships(ids), new PolicySnapshots(catalog));
  }
}
