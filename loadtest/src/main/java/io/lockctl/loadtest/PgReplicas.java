package io.lockctl.loadtest;

import io.grpc.ManagedChannel;
import io.lockctl.v1.SnapshotStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Durable writes with one and with two lockctl replicas on one PostgreSQL: the same two loads of
 * LockSnapshot (each on its own half of the snapshots) go both to one replica, then one to each of
 * two, on a fresh schema each time. Meanwhile it samples what the replicas' database sessions wait
 * for ({@code pg_stat_activity}), which tells whether they wait on each other's locks.
 */
final class PgReplicas {
  private static final int SEED_CONCURRENCY = 64;
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(100);

  /** The target: two replicas write at least this multiple of one. */
  static final double TARGET = 1.6;

  private final PgReplicasOptions options;
  private final PrintStream out;
  private final PrintStream err;

  private PgReplicas(PgReplicasOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  static int run(PgReplicasOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    return new PgReplicas(options, out, err).run();
  }

  /**
   * One measurement.
   *
   * @param lockWaitShare the share of samples in which a replica's session waited for a lock
   * @param waits what the sessions were doing, over all samples: wait event (or CPU) to count
   */
  private record Measurement(
      int replicas,
      BenchReport first,
      BenchReport second,
      double serverMicrosPerCall,
      double lockWaitShare,
      Map<String, Integer> waits) {
    double throughput() {
      return first.throughput() + second.throughput();
    }
  }

  private record Round(Measurement one, Measurement two) {
    double ratio() {
      return one.throughput() > 0 ? two.throughput() / one.throughput() : 0;
    }
  }

  private int run() throws InterruptedException {
    out.println("PostgreSQL " + options.postgresUrl() + Compare.context());
    List<Round> rounds = new ArrayList<>();
    try {
      for (int i = 0; i < options.rounds(); i++) {
        Round round = new Round(measure(1), measure(2));
        out.printf(Locale.ROOT, "round %d: 2 replicas / 1: %.2f%n", i + 1, round.ratio());
        rounds.add(round);
      }
    } catch (IOException | SQLException | ExecutionException failed) {
      err.println("loadtest: " + failed.getMessage());
      return 1;
    }
    out.println();
    out.print(table(rounds));
    out.println();
    out.println("after the run:" + Compare.context());
    return rounds.stream().allMatch(r -> r.one().throughput() > 0 && r.two().throughput() > 0)
        ? 0
        : 1;
  }

  private Measurement measure(int replicas)
      throws IOException, SQLException, InterruptedException, ExecutionException {
    String schema = "lockctl_pg_replicas_" + System.currentTimeMillis() + "_" + replicas;
    String url =
        options.postgresUrl()
            + (options.postgresUrl().contains("?") ? "&" : "?")
            + "currentSchema="
            + schema
            + "&ApplicationName="
            + schema;
    List<ChildServer> children = new ArrayList<>();
    List<ManagedChannel> channels = new ArrayList<>();
    ExecutorService loads = Executors.newFixedThreadPool(2);
    try {
      for (int i = 1; i <= replicas; i++) {
        children.add(
            ChildServer.launch(
                "lockctl replica " + i,
                ChildServer.lockctlOnPostgresArgs(options.serverJar(), url)));
        channels.add(LoadTool.channel(children.get(i - 1).target(), err));
      }
      Seeder.run(
          new SeedOptions(
              children.get(0).target(),
              options.region(),
              options.count(),
              0,
              SEED_CONCURRENCY,
              SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED),
          channels.get(0));
      int second = replicas - 1;
      twoLoads(loads, children, channels, second, options.warmup());
      long cpuBefore = serverCpuNanos(children);
      try (WaitSampler sampler = new WaitSampler(options.postgresUrl(), schema)) {
        List<BenchReport> reports = twoLoads(loads, children, channels, second, options.duration());
        long cpu = serverCpuNanos(children) - cpuBefore;
        long calls =
            reports.stream().mapToLong(report -> report.calls() + report.errorCount()).sum();
        Measurement measured =
            new Measurement(
                replicas,
                reports.get(0),
                reports.get(1),
                calls == 0 ? 0 : cpu / 1000.0 / calls,
                sampler.lockWaitShare(),
                sampler.waits());
        out.println(line(measured));
        return measured;
      }
    } finally {
      loads.shutdownNow();
      for (ManagedChannel channel : channels) {
        LoadTool.close(channel);
      }
      for (ChildServer child : children) {
        child.close();
      }
      dropSchema(schema);
    }
  }

  /** The two loads at once: the first on replica 1, the second on replica {@code second + 1}. */
  private List<BenchReport> twoLoads(
      ExecutorService loads,
      List<ChildServer> children,
      List<ManagedChannel> channels,
      int second,
      Duration duration)
      throws InterruptedException, ExecutionException {
    long half = options.count() / 2;
    int inFlight = options.concurrency() / 2;
    Future<BenchReport> a =
        loads.submit(
            () -> Bench.run(load(children.get(0), 0, half, inFlight, duration), channels.get(0)));
    Future<BenchReport> b =
        loads.submit(
            () ->
                Bench.run(
                    load(children.get(second), half, half, inFlight, duration),
                    channels.get(second)));
    return List.of(a.get(), b.get());
  }

  private BenchOptions load(
      ChildServer replica, long start, long ids, int concurrency, Duration duration) {
    return new BenchOptions(
        replica.target(),
        Workload.LOCK_SNAPSHOT,
        options.region(),
        ids,
        start,
        concurrency,
        duration,
        Duration.ZERO,
        0,
        DEADLINE,
        false);
  }

  private static long serverCpuNanos(List<ChildServer> children) {
    return children.stream().mapToLong(child -> Point.cpu(child.process()).toNanos()).sum();
  }

  private void dropSchema(String schema) throws SQLException {
    try (Connection connection = DriverManager.getConnection(options.postgresUrl());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private static String line(Measurement m) {
    return String.format(
        Locale.ROOT,
        "%d replica%s: %.0f calls/s (%.0f + %.0f), errors %d, p99 %.1f / %.1f ms, server %.0f us/call,"
            + " a session waiting for a lock in %.0f%% of samples; sessions: %s",
        m.replicas(),
        m.replicas() == 1 ? " " : "s",
        m.throughput(),
        m.first().throughput(),
        m.second().throughput(),
        m.first().errorCount() + m.second().errorCount(),
        m.first().p99Ms(),
        m.second().p99Ms(),
        m.serverMicrosPerCall(),
        m.lockWaitShare() * 100,
        m.waits().entrySet().stream()
            .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", ")));
  }

  private static String table(List<Round> rounds) {
    StringBuilder text = new StringBuilder();
    text.append(
        "| round | 1 replica, calls/s | 2 replicas, calls/s | 2 / 1 | server CPU per call, 1 / 2"
            + " | lock waits, 1 / 2 |\n");
    text.append("| --- | --- | --- | --- | --- | --- |\n");
    for (int i = 0; i < rounds.size(); i++) {
      Round r = rounds.get(i);
      text.append(
          String.format(
              Locale.ROOT,
              "| %d | %.0f | %.0f | %.2f | %.0f / %.0f us | %.0f%% / %.0f%% |%n",
              i + 1,
              r.one().throughput(),
              r.two().throughput(),
              r.ratio(),
              r.one().serverMicrosPerCall(),
              r.two().serverMicrosPerCall(),
              r.one().lockWaitShare() * 100,
              r.two().lockWaitShare() * 100));
    }
    double median =
        rounds.stream()
            .map(Round::ratio)
            .sorted(Comparator.naturalOrder())
            .toList()
            .get((rounds.size() - 1) / 2);
    text.append(
        String.format(
            Locale.ROOT,
            "%n2 replicas / 1 (median round): %.2f (target >= %.1f: %s)%n",
            median,
            TARGET,
            median >= TARGET ? "met" : "MISSED"));
    return text.toString();
  }

  /**
   * Samples, on a connection of its own, what the sessions named {@code applicationName} are doing:
   * their wait events, or CPU when they wait for nothing.
   */
  private static final class WaitSampler implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement query;
    private final Thread thread;
    private final Map<String, Integer> waits = new TreeMap<>();
    private int samples; // guarded by this
    private int samplesWithLockWait; // guarded by this
    private volatile boolean stopping;

    WaitSampler(String url, String applicationName) throws SQLException {
      connection = DriverManager.getConnection(url);
      query =
          connection.prepareStatement(
              "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity"
                  + " WHERE application_name = ? AND state <> 'idle' AND pid <> pg_backend_pid()");
      query.setString(1, applicationName);
      thread = new Thread(this::sample, "pg-wait-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    private void sample() {
      while (!stopping) {
        try (ResultSet rows = query.executeQuery()) {
          boolean lockWait = false;
          synchronized (this) {
            while (rows.next()) {
              String event = rows.getString(1);
              waits.merge(event, 1, Integer::sum);
              lockWait |= event.startsWith("Lock:");
            }
            samples++;
            samplesWithLockWait += lockWait ? 1 : 0;
          }
          Thread.sleep(SAMPLE_EVERY.toMillis());
        } catch (SQLException | InterruptedException e) {
          return;
        }
      }
    }

    synchronized double lockWaitShare() {
      return samples == 0 ? 0 : (double) samplesWithLockWait / samples;
    }

    synchronized Map<String, Integer> waits() {
      return new TreeMap<>(waits);
    }

    @Override
    public void close() throws SQLException {
      stopping = true;
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      connection.close();
    }
  }
}
