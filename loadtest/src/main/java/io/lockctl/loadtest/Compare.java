package io.lockctl.loadtest;

import io.grpc.ManagedChannel;
import io.lockctl.v1.SnapshotStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One run that puts lockctl next to the ceiling: the no-op server and lockctl, seeded, each RPC's
 * maximum throughput on both (closed loop), then each one's latency at half the no-op's maximum
 * (open loop), every point measured by {@link Bench}. Ratios are taken within the run because
 * absolute figures on a shared machine drift from one run to the next.
 */
final class Compare {

  /** Seeding is not measured; enough in flight to keep group commit's batches full. */
  private static final int SEED_CONCURRENCY = 64;

  /**
   * Calls in flight allowed to an open loop: far above what a server keeping up needs at half the
   * ceiling, so it only binds when the server falls behind, and then NOT_SENT says so.
   */
  private static final int OPEN_LOOP_CAP = 1000;

  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private final CompareOptions options;
  private final PrintStream out;
  private final PrintStream err;

  private Compare(CompareOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /**
   * Exit status: 0 measured (targets met or not, the table says), 1 when a server could not be
   * measured.
   */
  static int run(CompareOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    return new Compare(options, out, err).run();
  }

  private int run() throws InterruptedException {
    List<ChildServer> children = new ArrayList<>();
    try {
      Server noop =
          options.noopTarget().isEmpty()
              ? started(children, "no-op server", ChildServer.noopArgs())
              : new Server(options.noopTarget(), null);
      Server lockctl =
          options.lockctlTarget().isEmpty()
              ? started(
                  children,
                  "lockctl",
                  ChildServer.lockctlArgs(options.serverJar(), options.dataDir()))
              : new Server(options.lockctlTarget(), null);
      out.println("no-op server " + noop.target() + ", lockctl " + lockctl.target() + context());
      List<RpcComparison> rows = measure(noop, lockctl);
      out.println();
      out.print(CompareTable.markdown(rows));
      out.println();
      out.println("after the run:" + context());
      return rows.stream().allMatch(r -> r.lockctlMax().report().calls() > 0) ? 0 : 1;
    } catch (IOException cannotStart) {
      err.println("loadtest: " + cannotStart.getMessage());
      return 1;
    } finally {
      for (ChildServer child : children) {
        child.close();
      }
      if (options.freshDataDir()) {
        deleteRecursively(options.dataDir());
      }
    }
  }

  private List<RpcComparison> measure(Server noopServer, Server lockctlServer)
      throws InterruptedException {
    String noopTarget = noopServer.target();
    String lockctlTarget = lockctlServer.target();
    ManagedChannel noop = LoadTool.channel(noopTarget, err);
    ManagedChannel lockctl = LoadTool.channel(lockctlTarget, err);
    try {
      if (options.seeded()) {
        out.println("lockctl's store already holds " + options.count() + " snapshots: not seeding");
      } else {
        SeedResult seeded =
            Seeder.run(
                new SeedOptions(
                    lockctlTarget,
                    options.region(),
                    options.count(),
                    0,
                    SEED_CONCURRENCY,
                    SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED),
                lockctl);
        out.println("seeded lockctl: " + seeded.text());
      }
      // All three JVMs compile every path before any point counts: otherwise the points measured
      // first would pay for compiling, lockctl's (much more code than the no-op's) most of all.
      for (Workload workload : Workload.LOCKCTL) {
        run(noop, noopServer, workload, 0, options.jitWarmup());
        run(lockctl, lockctlServer, workload, 0, options.jitWarmup());
      }
      List<RpcComparison> rows = new ArrayList<>();
      // In declaration order: LockSnapshot first, so that DescribeLockedSnapshots has locks to
      // list.
      for (Workload workload : Workload.LOCKCTL) {
        List<Round> rounds = new ArrayList<>();
        for (int i = 0; i < options.rounds(); i++) {
          rounds.add(
              new Round(
                  point(noop, noopServer, workload, 0, "no-op"),
                  point(lockctl, lockctlServer, workload, 0, "lockctl")));
        }
        long rate = RpcComparison.halfOf(Round.median(rounds).noopMax().report());
        Point noopAtRate = point(noop, noopServer, workload, rate, "no-op");
        Point lockctlAtRate = point(lockctl, lockctlServer, workload, rate, "lockctl");
        RpcComparison row =
            new RpcComparison(
                workload.rpcName(),
                RpcComparison.throughputTarget(workload),
                rounds,
                rate,
                noopAtRate,
                lockctlAtRate);
        out.printf(Locale.ROOT, "%-24s ratio %.2f%n", workload.rpcName(), row.ratio());
        rows.add(row);
      }
      return rows;
    } finally {
      LoadTool.close(noop);
      LoadTool.close(lockctl);
    }
  }

  /**
   * Warms up, then measures: two bench runs back to back, so that the CPU counted is the measured
   * window's only (not the warmup's, which includes compiling).
   */
  private Point point(
      ManagedChannel channel, Server server, Workload workload, long rate, String name)
      throws InterruptedException {
    warmUp(channel, server, workload, rate);
    Point point =
        Point.measure(
            bench(server, workload, rate, options.duration()),
            channel,
            server.process(),
            options.warmup());
    out.printf(
        Locale.ROOT,
        "%-24s %-8s %s%s%n",
        workload.rpcName(),
        name,
        point.report().line(),
        point
            .serverMicrosPerCall()
            .map(us -> String.format(Locale.ROOT, "  server %.0f us/call", us))
            .orElse(""));
    return point;
  }

  private void warmUp(ManagedChannel channel, Server server, Workload workload, long rate)
      throws InterruptedException {
    run(channel, server, workload, rate, options.warmup());
  }

  /** A run whose figures are not kept. */
  private void run(
      ManagedChannel channel, Server server, Workload workload, long rate, Duration duration)
      throws InterruptedException {
    if (!duration.isZero()) {
      Bench.run(bench(server, workload, rate, duration), channel);
    }
  }

  /** A point's calls, measured from the start: its warmup is a run of its own. */
  private BenchOptions bench(Server server, Workload workload, long rate, Duration duration) {
    return new BenchOptions(
        server.target(),
        workload,
        options.region(),
        workload.needsIds() ? options.count() : 0,
        0,
        rate > 0 ? OPEN_LOOP_CAP : options.concurrency(),
        duration,
        Duration.ZERO,
        rate,
        DEADLINE,
        false);
  }

  /**
   * A server to measure: its target and, when this run started it, its process (for its CPU time).
   */
  private record Server(String target, ProcessHandle process) {}

  private static Server started(List<ChildServer> children, String name, List<String> javaArgs)
      throws IOException, InterruptedException {
    ChildServer child = ChildServer.launch(name, javaArgs);
    children.add(child);
    return new Server(child.target(), child.process());
  }

  /** What else the machine is doing matters for every figure: say it with them. */
  static String context() {
    return String.format(
        Locale.ROOT,
        " (%d CPUs, load average %.2f)",
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Deletes {@code dir} and everything under it, if it exists. */
  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }
}
