package io.lockctl.loadtest;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.lockctl.v1.SnapshotStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What security costs LockSnapshot, in one run: two lockctl servers from the same jar, one in
 * plaintext (every caller trusted) and one with TLS, client certificates and a policy, each
 * measured at maximum throughput (closed loop) in alternating rounds. Both keep the audit log,
 * which lockctl cannot turn off, so the ratio is the price of TLS, mTLS and authorization on top of
 * an audited write.
 */
final class SecurityCost {

  /** The target: secured LockSnapshot throughput at least this fraction of plaintext's. */
  static final double TARGET = 0.85;

  private static final int SEED_CONCURRENCY = 64;
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  /** The client certificate's URI SAN, as {@code make-pki.sh} writes it. */
  static final String PRINCIPAL = "spiffe://lockctl.bench/loadtest";

  private final SecurityCostOptions options;
  private final PrintStream out;
  private final PrintStream err;

  private SecurityCost(SecurityCostOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /** Exit status: 0 measured (target met or not, the table says), 1 when it could not measure. */
  static int run(SecurityCostOptions options, PrintStream out, PrintStream err)
      throws InterruptedException {
    return new SecurityCost(options, out, err).run();
  }

  private int run() throws InterruptedException {
    List<ChildServer> children = new ArrayList<>();
    try {
      Path policy = writePolicy();
      ChildServer plain = launch(children, "plaintext lockctl", List.of(), "plain");
      ChildServer secure =
          launch(
              children,
              "secured lockctl",
              List.of(
                  "--tls-cert",
                  pki("server.pem").toString(),
                  "--tls-key",
                  pki("server.key").toString(),
                  "--client-ca",
                  pki("ca.pem").toString(),
                  "--policy",
                  policy.toString()),
              "secure");
      out.println(
          "plaintext lockctl "
              + plain.target()
              + ", secured "
              + secure.target()
              + Compare.context());
      List<Round> rounds = measure(plain, secure);
      out.println();
      out.print(table(rounds));
      out.println();
      out.println("after the run:" + Compare.context());
      return rounds.stream().allMatch(r -> r.lockctlMax().report().calls() > 0) ? 0 : 1;
    } catch (IOException cannotStart) {
      err.println("loadtest: " + cannotStart.getMessage());
      return 1;
    } finally {
      for (ChildServer child : children) {
        child.close();
      }
      Compare.deleteRecursively(options.workDir());
    }
  }

  /**
   * The rounds, each as (plaintext, secured) in the {@link Round} record's (baseline, lockctl)
   * places; the order within a round alternates, so neither server always runs second.
   */
  private List<Round> measure(ChildServer plainServer, ChildServer secureServer)
      throws InterruptedException, IOException {
    ManagedChannel plain = LoadTool.channel(plainServer.target(), err);
    ManagedChannel secure =
        LoadTool.connected(tlsChannel(secureServer.target()), secureServer.target(), err);
    try {
      for (var server :
          List.of(new Measured(plainServer, plain), new Measured(secureServer, secure))) {
        SeedResult seeded =
            Seeder.run(
                new SeedOptions(
                    server.child().target(),
                    options.region(),
                    options.count(),
                    0,
                    SEED_CONCURRENCY,
                    SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED),
                server.channel());
        out.println("seeded " + server.child().target() + ": " + seeded.text());
        Bench.run(bench(server.child(), options.jitWarmup()), server.channel());
      }
      List<Round> rounds = new ArrayList<>();
      for (int i = 0; i < options.rounds(); i++) {
        Point plainPoint;
        Point securePoint;
        if (i % 2 == 0) {
          plainPoint = point(plainServer, plain, "plain");
          securePoint = point(secureServer, secure, "secured");
        } else {
          securePoint = point(secureServer, secure, "secured");
          plainPoint = point(plainServer, plain, "plain");
        }
        Round round = new Round(plainPoint, securePoint);
        out.printf(Locale.ROOT, "round %d: secured / plaintext %.3f%n", i + 1, round.ratio());
        rounds.add(round);
      }
      return rounds;
    } finally {
      LoadTool.close(plain);
      LoadTool.close(secure);
    }
  }

  private record Measured(ChildServer child, ManagedChannel channel) {}

  private Point point(ChildServer server, ManagedChannel channel, String name)
      throws InterruptedException {
    Bench.run(bench(server, options.warmup()), channel);
    Point point =
        Point.measure(
            bench(server, options.duration()), channel, server.process(), options.warmup());
    out.printf(
        Locale.ROOT,
        "LockSnapshot %-8s %s  server %.0f us/call%n",
        name,
        point.report().line(),
        point.serverMicrosPerCall().orElse(0.0));
    return point;
  }

  private BenchOptions bench(ChildServer server, Duration duration) {
    return new BenchOptions(
        server.target(),
        Workload.LOCK_SNAPSHOT,
        options.region(),
        options.count(),
        0,
        options.concurrency(),
        duration,
        Duration.ZERO,
        0,
        DEADLINE,
        false);
  }

  /** The median round's figures, every round's ratio, and whether the target is met. */
  private static String table(List<Round> rounds) {
    Round median = Round.median(rounds);
    double plainCpu = median.noopMax().serverMicrosPerCall().orElse(0.0);
    double secureCpu = median.lockctlMax().serverMicrosPerCall().orElse(0.0);
    StringBuilder text = new StringBuilder();
    text.append("| LockSnapshot | plaintext | TLS + mTLS + policy | ratio | target |\n");
    text.append("| --- | --- | --- | --- | --- |\n");
    text.append(
        String.format(
            Locale.ROOT,
            "| calls/s (median round) | %.0f | %.0f | %.2f | >= %.2f %s |%n",
            median.noopMax().report().throughput(),
            median.lockctlMax().report().throughput(),
            median.ratio(),
            TARGET,
            median.ratio() >= TARGET ? "met" : "MISSED"));
    text.append(
        String.format(
            Locale.ROOT,
            "| server CPU per call | %.0f us | %.0f us | %.2f | |%n",
            plainCpu,
            secureCpu,
            secureCpu > 0 ? plainCpu / secureCpu : 0));
    text.append("\nevery round's ratio:");
    for (Round round : rounds) {
      text.append(String.format(Locale.ROOT, " %.3f", round.ratio()));
    }
    return text.append('\n').toString();
  }

  private ManagedChannel tlsChannel(String target) throws IOException {
    return NettyChannelBuilder.forTarget(target)
        .sslContext(
            GrpcSslContexts.forClient()
                .trustManager(pki("ca.pem").toFile())
                .keyManager(pki("client.pem").toFile(), pki("client.key").toFile())
                .build())
        .build();
  }

  private ChildServer launch(
      List<ChildServer> children, String name, List<String> security, String dataDir)
      throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            ChildServer.lockctlArgs(options.serverJar(), options.workDir().resolve(dataDir)));
    command.addAll(security);
    ChildServer child = ChildServer.launch(name, command);
    children.add(child);
    return child;
  }

  /**
   * A policy of the size a real deployment has: the bench's principal may register and lock in its
   * region, and nobody but an admin may lift a governance lock. Every call is evaluated against
   * both statements.
   */
  private Path writePolicy() throws IOException {
    Files.createDirectories(options.workDir());
    String region = options.region();
    String policy =
        """
        {"statements": [
          {"sid": "bench-writer", "effect": "ALLOW", "principals": ["spiffe://lockctl.bench/*"],
           "actions": ["lockctl:RegisterSnapshot", "lockctl:LockSnapshot", "lockctl:Get*"],
           "resources": ["lrn:lockctl:%s:snapshot/*"]},
          {"sid": "only-admins-lift-governance", "effect": "DENY", "principals": ["*"],
           "not_principals": ["spiffe://lockctl.bench/admin"],
           "actions": ["lockctl:UnlockSnapshot"], "resources": ["*"],
           "conditions": {"lockctl:LockMode": ["GOVERNANCE"]}}
        ]}
        """
            .formatted(region);
    return Files.writeString(options.workDir().resolve("policy.json"), policy);
  }

  private Path pki(String file) throws IOException {
    Path path = options.pki().resolve(file);
    if (!Files.isRegularFile(path)) {
      throw new IOException(
          "no "
              + path
              + " (make the certificates with: bash loadtest/make-pki.sh "
              + options.pki()
              + ")");
    }
    return path;
  }
}
