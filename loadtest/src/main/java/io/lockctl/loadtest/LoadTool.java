package io.lockctl.loadtest;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar loadtest/target/loadtest.jar
 * seed|bench|compare|security-cost|etcd-peer|pg-replicas|noop|watch-bench|unfinished-streams ...}:
 * fills a lockctl server with snapshots, then measures one RPC against them; or measures lockctl
 * against the no-op server in one run; or lockctl secured against lockctl in plaintext; or writes
 * with one and two replicas on PostgreSQL; or is that no-op server; or measures lock-event
 * delivery; or what thousands of unfinished requests cost a server. Exit status: 0 done; 1 when
 * seeding had failures or a bench had no successful call (usually: not seeded, wrong region, no
 * server); 2 bad command line.
 */
public final class LoadTool {

  private static final Duration CONNECT_WAIT = Duration.ofSeconds(10);

  private LoadTool() {}

  public static void main(String[] args) throws InterruptedException {
    System.exit(run(List.of(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) throws InterruptedException {
    if (args.isEmpty()) {
      usage(err);
      return 2;
    }
    List<String> rest = args.subList(1, args.size());
    try {
      return switch (args.get(0)) {
        case "seed" -> seed(SeedOptions.parse(rest), out, err);
        case "bench" -> bench(BenchOptions.parse(rest), out, err);
        case "compare" -> Compare.run(CompareOptions.parse(rest), out, err);
        case "security-cost" -> SecurityCost.run(SecurityCostOptions.parse(rest), out, err);
        case "etcd-peer" -> EtcdPeer.run(EtcdPeerOptions.parse(rest), out, err);
        case "pg-replicas" -> PgReplicas.run(PgReplicasOptions.parse(rest), out, err);
        case "noop" -> noop(NoopOptions.parse(rest), out, err);
        case "watch-bench" -> watchBench(WatchBenchOptions.parse(rest), out, err);
        case "unfinished-streams" ->
            UnfinishedStreams.run(UnfinishedStreamsOptions.parse(rest), out, err);
        case "help", "--help", "-h" -> {
          usage(out);
          yield 0;
        }
        default -> throw new UsageException("unknown command '" + args.get(0) + "'");
      };
    } catch (UsageException e) {
      err.println("loadtest: " + e.getMessage());
      usage(err);
      return 2;
    }
  }

  private static int seed(SeedOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    ManagedChannel channel = channel(options.target(), err);
    try {
      SeedResult result = Seeder.run(options, channel);
      out.println(
          "seed "
              + options.region()
              + " "
              + SnapshotIds.format(options.start())
              + ".."
              + SnapshotIds.format(options.start() + options.count() - 1)
              + ": "
              + result.text());
      return result.failureCount() == 0 ? 0 : 1;
    } finally {
      close(channel);
    }
  }

  private static int bench(BenchOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    ManagedChannel channel = channel(options.target(), err);
    try {
      BenchReport report = Bench.run(options, channel);
      out.print(options.json() ? report.json() + System.lineSeparator() : report.text());
      return report.calls() > 0 ? 0 : 1;
    } finally {
      close(channel);
    }
  }

  private static int watchBench(WatchBenchOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    return WatchBench.run(options, out, err);
  }

  /**
   * Serves canned answers until stopped (SIGTERM); the ready line is what {@code compare} waits
   * for.
   */
  private static int noop(NoopOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    Server server;
    try {
      server = NoopServer.start(options.host(), options.port());
    } catch (IOException cannotListen) {
      err.println(
          "loadtest: cannot listen on "
              + options.host()
              + ":"
              + options.port()
              + ": "
              + cannotListen.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "noop-shutdown"));
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    out.println("noop listening on " + host + ":" + server.getPort());
    out.flush();
    server.awaitTermination();
    return 0;
  }

  /**
   * A channel already connected (or given up on after {@link #CONNECT_WAIT}), so that connection
   * setup is not charged to the first calls of a run; if it never connects, the calls fail
   * UNAVAILABLE and the report says so.
   */
  static ManagedChannel channel(String target, PrintStream err) throws InterruptedException {
    return connected(ManagedChannelBuilder.forTarget(target).usePlaintext().build(), target, err);
  }

  /** {@code channel}, once it has connected to {@code target} or {@link #CONNECT_WAIT} passed. */
  static ManagedChannel connected(ManagedChannel channel, String target, PrintStream err)
      throws InterruptedException {
    long giveUp = System.nanoTime() + CONNECT_WAIT.toNanos();
    ConnectivityState state = channel.getState(true);
    while (state != ConnectivityState.READY && System.nanoTime() - giveUp < 0) {
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      changed.await(Math.max(giveUp - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
      state = channel.getState(true);
    }
    if (state != ConnectivityState.READY) {
      err.println(
          "loadtest: not connected to "
              + target
              + " after "
              + CONNECT_WAIT.toSeconds()
              + " s ("
              + state
              + "); running anyway");
    }
    return channel;
  }

  static void close(ManagedChannel channel) throws InterruptedException {
    if (!channel.shutdown().awaitTermination(5, TimeUnit.SECONDS)) {
      channel.shutdownNow();
    }
  }

  private static void usage(PrintStream to) {
    to.println("usage:");
    Arrays.asList(
            SeedOptions.USAGE,
            BenchOptions.USAGE,
            CompareOptions.USAGE,
            SecurityCostOptions.USAGE,
            EtcdPeerOptions.USAGE,
            PgReplicasOptions.USAGE,
            NoopOptions.USAGE,
            WatchBenchOptions.USAGE,
            UnfinishedStreamsOptions.USAGE)
        .forEach(line -> to.println("  loadtest " + line));
  }
}
