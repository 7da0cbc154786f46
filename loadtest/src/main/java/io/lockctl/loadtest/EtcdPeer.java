package io.lockctl.loadtest;

import io.grpc.ManagedChannel;
import io.lockctl.v1.SnapshotStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * lockctl's LockSnapshot beside etcd's Put, the usual peer for durable gRPC writes, and the no-op
 * ceiling, in one run with one generator: each round measures the three at maximum throughput
 * (closed loop), then one client alone measures the latency of a lone call on lockctl and etcd.
 * Both fsync before they answer: lockctl its group commit, etcd its write-ahead log.
 */
final class EtcdPeer {

  private static final int SEED_CONCURRENCY = 64;
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  /** The targets: LockSnapshot at least this multiple of etcd's Put, and a lower lone-call p50. */
  static final double TARGET = 1.2;

  private final EtcdPeerOptions options;
  private final PrintStream out;
  private final PrintStream err;

  private EtcdPeer(EtcdPeerOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  static int run(EtcdPeerOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    return new EtcdPeer(options, out, err).run();
  }

  /** One round: the three servers' maximum throughput, measured back to back. */
  private record PeerRound(Point noop, Point lockctl, Point etcd) {
    double lockctlOverEtcd() {
      double etcdRate = etcd.report().throughput();
      return etcdRate > 0 ? lockctl.report().throughput() / etcdRate : 0;
    }
  }

  /** A server under measurement and the workload it is measured with. */
  private record Target(
      String name, ChildServer child, ManagedChannel channel, Workload workload) {}

  private int run() throws InterruptedException {
    List<ChildServer> children = new ArrayList<>();
    List<ManagedChannel> channels = new ArrayList<>();
    try {
      Files.createDirectories(options.workDir());
      ChildServer noopServer =
          launched(children, ChildServer.launch("no-op server", ChildServer.noopArgs()));
      ChildServer lockctlServer =
          launched(
              children,
              ChildServer.launch(
                  "lockctl",
                  ChildServer.lockctlArgs(
                      options.serverJar(), options.workDir().resolve("lockctl"))));
      ChildServer etcdServer = launched(children, etcd());
      Target noop = target("no-op", noopServer, channels, Workload.LOCK_SNAPSHOT);
      Target lockctl = target("lockctl", lockctlServer, channels, Workload.LOCK_SNAPSHOT);
      Target etcd = target("etcd", etcdServer, channels, Workload.ETCD_PUT);
      out.println(
          "no-op "
              + noopServer.target()
              + ", lockctl "
              + lockctlServer.target()
              + ", etcd "
              + etcdServer.target()
              + Compare.context());
      SeedResult seeded =
          Seeder.run(
              new SeedOptions(
                  lockctlServer.target(),
                  options.region(),
                  options.count(),
                  0,
                  SEED_CONCURRENCY,
                  SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED),
              lockctl.channel());
      out.println("seeded lockctl: " + seeded.text());
      for (Target target : List.of(noop, lockctl, etcd)) {
        Bench.run(bench(target, options.concurrency(), options.jitWarmup()), target.channel());
      }
      List<PeerRound> rounds = new ArrayList<>();
      for (int i = 0; i < options.rounds(); i++) {
        PeerRound round =
            new PeerRound(
                point(noop, options.concurrency()),
                point(lockctl, options.concurrency()),
                point(etcd, options.concurrency()));
        out.printf(Locale.ROOT, "round %d: lockctl / etcd %.3f%n", i + 1, round.lockctlOverEtcd());
        rounds.add(round);
      }
      Point lockctlAlone = point(lockctl, 1);
      Point etcdAlone = point(etcd, 1);
      out.println();
      out.print(table(rounds, lockctlAlone, etcdAlone));
      out.println();
      out.println("after the run:" + Compare.context());
      return rounds.stream()
              .allMatch(r -> r.lockctl().report().calls() > 0 && r.etcd().report().calls() > 0)
          ? 0
          : 1;
    } catch (IOException cannotStart) {
      err.println("loadtest: " + cannotStart.getMessage());
      return 1;
    } finally {
      for (ManagedChannel channel : channels) {
        LoadTool.close(channel);
      }
      for (ChildServer child : children) {
        child.close();
      }
      Compare.deleteRecursively(options.workDir());
    }
  }

  private static ChildServer launched(List<ChildServer> children, ChildServer child) {
    children.add(child);
    return child;
  }

  private Target target(
      String name, ChildServer child, List<ManagedChannel> channels, Workload workload)
      throws InterruptedException {
    ManagedChannel channel = LoadTool.channel(child.target(), err);
    channels.add(channel);
    return new Target(name, child, channel, workload);
  }

  private Point point(Target target, int concurrency) throws InterruptedException {
    Bench.run(bench(target, concurrency, options.warmup()), target.channel());
    Point point =
        Point.measure(
            bench(target, concurrency, options.duration()),
            target.channel(),
            target.child().process(),
            options.warmup());
    out.printf(
        Locale.ROOT,
        "%-12s %-8s %s  server %.0f us/call%n",
        target.workload().rpcName(),
        target.name(),
        point.report().line(),
        point.serverMicrosPerCall().orElse(0.0));
    return point;
  }

  private BenchOptions bench(Target target, int concurrency, Duration duration) {
    return new BenchOptions(
        target.child().target(),
        target.workload(),
        options.region(),
        options.count(),
        0,
        concurrency,
        duration,
        Duration.ZERO,
        0,
        DEADLINE,
        false);
  }

  private static String table(List<PeerRound> rounds, Point lockctlAlone, Point etcdAlone) {
    PeerRound median =
        rounds.stream()
            .sorted(Comparator.comparingDouble(PeerRound::lockctlOverEtcd))
            .toList()
            .get((rounds.size() - 1) / 2);
    double ceiling = median.noop().report().throughput();
    StringBuilder text = new StringBuilder();
    text.append("| median round | no-op LockSnapshot | lockctl LockSnapshot | etcd Put |\n");
    text.append("| --- | --- | --- | --- |\n");
    text.append(
        String.format(
            Locale.ROOT,
            "| calls/s | %.0f | %.0f | %.0f |%n",
            ceiling,
            median.lockctl().report().throughput(),
            median.etcd().report().throughput()));
    text.append(
        String.format(
            Locale.ROOT,
            "| of the no-op | 1.00 | %.2f | %.2f |%n",
            median.lockctl().report().throughput() / ceiling,
            median.etcd().report().throughput() / ceiling));
    text.append(
        String.format(
            Locale.ROOT,
            "| server CPU per call | %.0f us | %.0f us | %.0f us |%n",
            median.noop().serverMicrosPerCall().orElse(0.0),
            median.lockctl().serverMicrosPerCall().orElse(0.0),
            median.etcd().serverMicrosPerCall().orElse(0.0)));
    text.append(
        String.format(
            Locale.ROOT,
            "| one client, p50 | | %.3f ms | %.3f ms |%n",
            lockctlAlone.report().p50Ms(),
            etcdAlone.report().p50Ms()));
    double ratio = median.lockctlOverEtcd();
    text.append(
        String.format(
            Locale.ROOT,
            "%nlockctl / etcd: %.2f (target >= %.1f: %s); one-client p50 %s%n",
            ratio,
            TARGET,
            ratio >= TARGET ? "met" : "MISSED",
            lockctlAlone.report().p50Ms() < etcdAlone.report().p50Ms()
                ? "lower than etcd's: met"
                : "not lower than etcd's: MISSED"));
    text.append("every round's lockctl / etcd:");
    for (PeerRound round : rounds) {
      text.append(String.format(Locale.ROOT, " %.3f", round.lockctlOverEtcd()));
    }
    return text.append('\n').toString();
  }

  private ChildServer etcd() throws IOException, InterruptedException {
    if (!Files.isExecutable(options.etcd())) {
      throw new IOException(
          "no etcd at "
              + options.etcd()
              + " (Debian: apt-get install etcd-server, or give --etcd)");
    }
    int clientPort = ChildServer.freePort();
    int peerPort = ChildServer.freePort();
    String client = "http://127.0.0.1:" + clientPort;
    String peer = "http://127.0.0.1:" + peerPort;
    Path log = options.workDir().resolve("etcd.log");
    return ChildServer.launchListening(
        "etcd",
        List.of(
            options.etcd().toString(),
            "--name",
            "bench",
            "--data-dir",
            options.workDir().resolve("etcd").toString(),
            "--listen-client-urls",
            client,
            "--advertise-client-urls",
            client,
            "--listen-peer-urls",
            peer,
            "--initial-advertise-peer-urls",
            peer,
            "--initial-cluster",
            "bench=" + peer,
            "--logger",
            "zap",
            "--log-level",
            "error"),
        "127.0.0.1",
        clientPort,
        log);
  }
}
