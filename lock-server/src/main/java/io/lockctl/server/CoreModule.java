package io.lockctl.server;

import dagger.Module;
import dagger.Provides;
import io.lockctl.core.idempotency.MutationRunner;
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

  @Provides
  @Singleton
  static SnapshotLocking snapshotLocking() {
    return new SnapshotLocking();
  }

  @Provides
  @Singleton
  static RetentionRules retentionRules() {
    return new RetentionRules(new RuleIds());
  }
}
