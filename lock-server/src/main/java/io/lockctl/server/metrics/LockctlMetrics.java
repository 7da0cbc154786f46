package io.lockctl.server.metrics;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.Store;
import io.lockctl.core.watch.AuditFeed;
import io.lockctl.core.watch.Watch;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * lockctl's own meters, beside the gRPC ones: the store's write batches and their commit and fsync
 * times, the compliance clock's lag, the audit log's size and the lock-event watchers, and locks by
 * status ({@link LockCensus}). Everything is read from what the server already tracks when scraped,
 * except the commit meters, which each commit feeds.
 */
@Singleton
public final class LockctlMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Inject
  LockctlMetrics(Store store, ComplianceClock clock, AuditFeed feed, LockCensus census) {
    DistributionSummary batchSize =
        DistributionSummary.builder("lockctl.store.write.batch.size")
            .description("Units of work committed together in one transaction (group commit)")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
            .register(registry);
    Timer commit =
        Timer.builder("lockctl.store.commit")
            .description("A write batch, from the start of its transaction to a durable commit")
            .serviceLevelObjectives(buckets())
            .register(registry);
    Timer fsync =
        Timer.builder("lockctl.store.fsync")
            .description("The COMMIT statement alone, where the database syncs its log to disk")
            .serviceLevelObjectives(buckets())
            .register(registry);
    store.onCommit(
        (writes, batchNanos, commitNanos) -> {
          batchSize.record(writes);
          commit.record(batchNanos, TimeUnit.NANOSECONDS);
          fsync.record(commitNanos, TimeUnit.NANOSECONDS);
        });
    Gauge.builder("lockctl.compliance.clock.lag", clock, c -> c.lag().toNanos() / 1e9)
        .description("How far the compliance clock is behind the system clock while it slews")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
    Gauge.builder("lockctl.audit.tree.size", feed, AuditFeed::position)
        .description("Records in the audit log, as this server has read it")
        .strongReference(true)
        .register(registry);
    Gauge.builder("lockctl.watch.consumers", feed, f -> f.watches().size())
        .description("Open WatchLockEvents streams")
        .strongReference(true)
        .register(registry);
    Gauge.builder("lockctl.watch.consumer.lag.max", feed, LockctlMetrics::maxLag)
        .description("Events the furthest-behind watcher has not taken yet")
        .baseUnit("events")
        .strongReference(true)
        .register(registry);
    census.register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  private static double maxLag(AuditFeed feed) {
    return feed.watches().stream().mapToInt(Watch::buffered).max().orElse(0);
  }

  private static Duration[] buckets() {
    return new Duration[] {
      Duration.ofMillis(1),
      Duration.ofMillis(2),
      Duration.ofMillis(5),
      Duration.ofMillis(10),
      Duration.ofMillis(20),
      Duration.ofMillis(50),
      Duration.ofMillis(100),
      Duration.ofMillis(250),
      Duration.ofMillis(500),
      Duration.ofSeconds(1),
    };
  }
}
