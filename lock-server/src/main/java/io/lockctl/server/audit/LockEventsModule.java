package io.lockctl.server.audit;

import dagger.Module;
import dagger.Provides;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.store.Store;
import io.lockctl.core.watch.AuditFeed;
import io.lockctl.core.watch.LockEventService;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The stream of lock events: one feed per server, woken by the store's commits. */
@Module
public interface LockEventsModule {
  /**
   * How often the feed reads the log when no local commit woke it: the delay before a record that
   * another replica wrote reaches this replica's watchers.
   */
  Duration POLL_INTERVAL = Duration.ofMillis(20);

  /** Events a watcher may fall behind by before it is closed WATCH_TOO_SLOW. */
  int WATCH_BUFFER = 1024;

  @Provides
  @Singleton
  static AuditFeed auditFeed(Store store) {
    AuditFeed feed = new AuditFeed(store, POLL_INTERVAL, WATCH_BUFFER);
    store.onCommit((writes, batchNanos, commitNanos) -> feed.committed());
    return feed;
  }

  @Provides
  @Singleton
  static LockEventService lockEventService(
      Store store, OperationRunner operations, AuditFeed feed) {
    return new LockEventService(store, operations, feed);
  }
}
