package io.lockctl.server;

import dagger.Module;
import dagger.Provides;
import io.lockctl.core.backup.BackupService;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clockcontrol.ClockControlService;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.lockkey.LockKeyService;
import io.lockctl.core.lockkey.LockKeys;
import io.lockctl.core.lockkey.UnlockChallenges;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Pages;
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

  /** The name under which the store keeps the page tokens' HMAC key. */
  String PAGE_TOKEN_SECRET = "page-token";

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

  /**
   * Page tokens authenticated with a key the store keeps, so that a token stays good across
   * restarts and on every replica, and only the server can make one.
   */
  @Provides
  @Singleton
  static Pages pages(Store store) {
    return new Pages(store.write(tx -> tx.secrets().getOrCreate(PAGE_TOKEN_SECRET, 32)).join());
  }

  @Provides
  @Singleton
  static SnapshotCatalog snapshotCatalog(RandomIds ids, Pages pages) {
    return new SnapshotCatalog(ids, pages);
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
      Store store, OperationRunner operations, UnlockChallenges challenges, Pages pages) {
    return new SnapshotLockService(store, operations, new SnapshotLocking(challenges, pages));
  }

  @Provides
  @Singleton
  static RetentionRuleService retentionRuleService(
      Store store, OperationRunner operations, RandomIds ids, Pages pages) {
    return new RetentionRuleService(store, operations, new RetentionRules(ids, pages));
  }

  @Provides
  @Singleton
  static RuleTagService ruleTagService(Store store, OperationRunner operations) {
    return new RuleTagService(store, operations);
  }

  @Provides
  @Singleton
  static LockKeyService lockKeyService(
      Store store, OperationRunner operations, RandomIds ids, Pages pages) {
    return new LockKeyService(store, operations, new LockKeys(ids, pages));
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
      Store store,
      OperationRunner operations,
      RandomIds ids,
      Pages pages,
      SnapshotCatalog catalog) {
    return new ReplicationService(
        store, operations, new TargetRelationships(ids, pages), new PolicySnapshots(catalog));
  }

  @Provides
  @Singleton
  static BackupService backupService(Store store, OperationRunner operations, ServerConfig config) {
    return new BackupService(
        store, operations, config.postgresUrl() != null ? "PostgreSQL" : "embedded");
  }
}
