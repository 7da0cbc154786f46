package io.lockctl.server;

import dagger.Module;
import dagger.Provides;
import io.lockctl.core.idempotency.MutationRunner;
import io.lockctl.core.replication.LockKeys;
import io.lockctl.core.replication.PolicySnapshots;
import io.lockctl.core.replication.SnapshotLockKeys;
import io.lockctl.core.replication.SnapshotUnlockChallenges;
import io.lockctl.core.replication.TargetRelationships;
import io.lockctl.core.replication.UnlockChallenges;
import io.lockctl.core.rule.RetentionRules;
import io.lockctl.core.rule.RuleIds;
import io.lockctl.core.snapshot.SnapshotCatalog;
import io.lockctl.core.snapshot.SnapshotLocking;
import io.lockctl.core.store.Store;
import jakarta.inject.Singleton;

/** The domain: lock-core has no Dagger, so its pieces are made here. */
@Module
public interface CoreModule {
  @Provides
  @Singleton
  static MutationRunner mutationRunner(Store store) {
    return new MutationRunner(store);
  }

  @Provides
  @Singleton
  static SnapshotCatalog snapshotCatalog() {
    return new SnapshotCatalog();
  }

  /** Challenges keyed by the store's persisted secret, so they verify across restarts. */
  @Provides
  @Singleton
  static UnlockChallenges unlockChallenges(Store store) {
    return new UnlockChallenges(store.unlockChallengeSecret());
  }

  @Provides
  @Singleton
  static SnapshotLocking snapshotLocking(UnlockChallenges challenges) {
    return new SnapshotLocking(new SnapshotLockKeys(challenges));
  }

  @Provides
  @Singleton
  static SnapshotUnlockChallenges snapshotUnlockChallenges(UnlockChallenges challenges) {
    return new SnapshotUnlockChallenges(challenges);
  }

  @Provides
  @Singleton
  static LockKeys lockKeys() {
    return new LockKeys();
  }

  @Provides
  @Singleton
  static TargetRelationships targetRelationships() {
    return new TargetRelationships();
  }

  @Provides
  @Singleton
  static PolicySnapshots policySnapshots(SnapshotCatalog catalog) {
    return new PolicySnapshots(catalog);
  }

  @Provides
  @Singleton
  static RetentionRules retentionRules() {
    return new RetentionRules(new RuleIds());
  }
}
