package io.lockctl.server;

import io.lockctl.server.ServerConfigParser.Invocation;
import io.lockctl.server.auth.InvalidSecurityFileException;
import io.lockctl.server.auth.ServerSecurity;
import io.lockctl.server.logging.LogFields;
import io.lockctl.server.logging.ServerLog;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code java -jar lock-server.jar}: parses the configuration, serves until SIGTERM. */
public final class Main {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private static final Logger LOG = Logger.getLogger(Main.class.getName());

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    Invocation invocation = ServerConfigParser.parse(List.of(args), System.getenv());
    if (invocation instanceof Invocation.ShowHelp) {
      System.out.println(ServerConfigParser.USAGE);
      return;
    }
    if (invocation instanceof Invocation.ShowVersion) {
      System.out.println("lockctl " + Version.current());
      return;
    }
    if (invocation instanceof Invocation.Invalid invalid) {
      System.err.println("lockctl: " + invalid.message());
      System.err.println(ServerConfigParser.USAGE);
      System.exit(EXIT_USAGE);
      return;
    }
    Invocation.Run run = (Invocation.Run) invocation;
    ServerConfig config = run.config();
    ServerLog log = ServerLog.install(run.logging(), System.err);
    ServerComponent component = DaggerServerComponent.factory().create(config);
    ServerSecurity security;
    try {
      // before the store: a bad certificate or policy is the operator's mistake, not a failure to
      // open
      security = component.security();
      component.policy();
    } catch (InvalidSecurityFileException | InvalidPolicyFileException invalid) {
      System.err.println("lockctl: " + invalid.getMessage());
      System.exit(EXIT_USAGE);
      return;
    }
    for (String warning : security.warnings()) {
      LOG.warning(warning);
    }
    LockctlServer server;
    try {
      server = component.server();
    } catch (RuntimeException cannotOpen) {
      System.err.println("lockctl: cannot open the store: " + cannotOpen.getMessage());
      System.exit(EXIT_FAILED);
      return;
    }
    int port;
    Optional<Integer> httpPort;
    try {
      port = server.start();
      httpPort = server.startHttp();
    } catch (IOException | RuntimeException cannotStart) {
      System.err.println(
          "lockctl: cannot start on "
              + address(config.host(), config.port())
              + ": "
              + cannotStart.getMessage());
      server.stop(Duration.ZERO);
      System.exit(EXIT_FAILED);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  long stopping = System.nanoTime();
                  log.publish(
                      LogFields.record(
                          LOG.getName(),
                          Level.INFO,
                          "lockctl stopping",
                          Map.of("grace_seconds", config.shutdownGrace().toSeconds())));
                  server.stop(config.shutdownGrace());
                  log.publish(
                      LogFields.record(
                          LOG.getName(),
                          Level.INFO,
                          "lockctl stopped",
                          Map.of("stop_ms", (System.nanoTime() - stopping) / 1_000_000)));
                  // A JVM stopped by a signal exits 128 + the signal's number even when the stop
                  // went well;
                  // a clean, drained stop is a success for supervisors, so say so.
                  Runtime.getRuntime().halt(EXIT_OK);
                },
                "lockctl-shutdown"));
    // tools read the words up to the port; the mode follows in parentheses
    System.out.println(
        "lockctl listening on " + address(config.host(), port) + " (" + security.mode() + ")");
    httpPort.ifPresent(
        bound -> System.out.println("lockctl HTTP listening on " + address(config.host(), bound)));
    System.out.flush();
    Map<String, Object> started = new LinkedHashMap<>();
    started.put("version", Version.current());
    started.put("address", address(config.host(), port));
    started.put("security", security.mode());
    started.put("store", config.postgresUrl() != null ? "postgresql" : config.dataDir().toString());
    LogFields.log(LOG, Level.INFO, "lockctl started", started);
    server.awaitTermination();
  }

  private static String address(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
