package io.lockctl.server;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.server.auth.SecurityConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How the server runs: where it listens, how it secures that port, where it keeps its data, how
 * long a graceful stop may wait for calls in flight, and how far the compliance clock follows the
 * system clock forward at once.
 *
 * @param host the address to listen on; without TLS it must be a loopback address unless {@code
 *     security} says {@code --insecure}
 * @param port 0 picks a free port
 * @param dataDir the embedded store's directory; unused when {@code postgresUrl} is set
 * @param postgresUrl a {@code jdbc:postgresql:} URL to keep the data in PostgreSQL instead (shared
 *     by any number of replicas), or null for the embedded store
 * @param maxClockStep the largest forward step of the system clock the compliance clock follows at
 *     once; larger ones it slews (see {@link ComplianceClock})
 * @param security TLS and caller authentication
 * @param metrics where to serve Prometheus metrics over plain HTTP; {@code null} for nowhere
 * @param http the HTTP edge (the anchors' APIs), on the same host and TLS as gRPC
 * @param acceptStoreLoss start on an embedded store that lost acknowledged writes (missing,
 *     replaced, rolled back) instead of refusing it; the loss is logged
 * @param limits the sizes, counts and times that bound what callers can take of the server
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Duration shutdownGrace,
    String postgresUrl,
    Duration maxClockStep,
    SecurityConfig security,
    MetricsAddress metrics,
    HttpConfig http,
    boolean acceptStoreLoss,
    ServerLimits limits) {
  /** Without TLS the server listens only where no other machine can reach it. */
  public static final String DEFAULT_PLAINTEXT_HOST = "127.0.0.1";

  public static final String DEFAULT_TLS_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 50051;
  public static final Path DEFAULT_DATA_DIR = Path.of("lockctl-data");
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  public static final String POSTGRES_URL_PREFIX = "jdbc:postgresql:";
  public static final Duration DEFAULT_MAX_CLOCK_STEP = ComplianceClock.DEFAULT_MAX_CLOCK_STEP;

  /** Metrics are plain HTTP without credentials: on loopback unless the operator says otherwise. */
  public static final String DEFAULT_METRICS_HOST = "127.0.0.1";

  private static final Pattern IP_LITERAL =
      Pattern.compile("^(\\d{1,3}(\\.\\d{1,3}){3}|\\[?[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*]?)$");

  public ServerConfig {
    if (host.isEmpty()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0-65535");
    }
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException("shutdown grace must not be negative");
    }
    if (postgresUrl != null && !postgresUrl.startsWith(POSTGRES_URL_PREFIX)) {
      throw new IllegalArgumentException("--postgres-url must start with " + POSTGRES_URL_PREFIX);
    }
    if (maxClockStep.isNegative()) {
      throw new IllegalArgumentException("--max-clock-step must not be negative");
    }
    if (http.enabled() && http.port() != 0 && http.port() == port) {
      throw new IllegalArgumentException("--http-port must differ from --port");
    }
    if (!security.tls() && !security.insecure() && !isLoopback(host)) {
      throw new IllegalArgumentException(
          "--host "
              + host
              + " without TLS would serve plaintext where other machines can reach it, and trust"
              + " every caller to name itself: give --tls-cert and --tls-key, or --insecure to"
              + " accept that");
    }
  }

  /**
   * Without a metrics endpoint or the HTTP edge, refusing a store that lost acknowledged writes,
   * with the default limits.
   */
  public ServerConfig(
      String host,
      int port,
      Path dataDir,
      Duration shutdownGrace,
      String postgresUrl,
      Duration maxClockStep,
      SecurityConfig security) {
    this(
        host,
        port,
        dataDir,
        shutdownGrace,
        postgresUrl,
        maxClockStep,
        security,
        null,
        HttpConfig.OFF,
        false,
        ServerLimits.DEFAULTS);
  }

  /** The same configuration, serving metrics at {@code address}. */
  public ServerConfig withMetrics(MetricsAddress address) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        shutdownGrace,
        postgresUrl,
        maxClockStep,
        security,
        address,
        http,
        acceptStoreLoss,
        limits);
  }

  /** The same configuration, with the HTTP edge as {@code newHttp} says. */
  public ServerConfig withHttp(HttpConfig newHttp) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        shutdownGrace,
        postgresUrl,
        maxClockStep,
        security,
        metrics,
        newHttp,
        acceptStoreLoss,
        limits);
  }

  /** The same configuration, with {@code newLimits}. */
  public ServerConfig withLimits(ServerLimits newLimits) {
    return new ServerConfig(
        host,
        port,
        dataDir,
        shutdownGrace,
        postgresUrl,
        maxClockStep,
        security,
        metrics,
        http,
        acceptStoreLoss,
        newLimits);
  }

  /** Where to serve {@code /metrics}: a host (or address) and a port, 0 for a free one. */
  public record MetricsAddress(String host, int port) {
    public MetricsAddress {
      if (host.isEmpty()) {
        throw new IllegalArgumentException("--metrics-host must not be empty");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("--metrics-port must be 0-65535");
      }
    }
  }

  /** In plaintext, on the embedded store or PostgreSQL, with the default maximum clock step. */
  public ServerConfig(
      String host, int port, Path dataDir, Duration shutdownGrace, String postgresUrl) {
    this(
        host,
        port,
        dataDir,
        shutdownGrace,
        postgresUrl,
        DEFAULT_MAX_CLOCK_STEP,
        SecurityConfig.PLAINTEXT);
  }

  /** In plaintext, on the embedded store. */
  public ServerConfig(String host, int port, Path dataDir, Duration shutdownGrace) {
    this(host, port, dataDir, shutdownGrace, null);
  }

  /** The host the server listens on when none is given. */
  public static String defaultHost(SecurityConfig security) {
    return security.tls() ? DEFAULT_TLS_HOST : DEFAULT_PLAINTEXT_HOST;
  }

  /**
   * "localhost" or a loopback address literal. Other names are not resolved: what a name resolves
   * to can change after start-up.
   */
  static boolean isLoopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!IP_LITERAL.matcher(host).matches()) {
      return false;
    }
    try {
      // a literal is parsed, never looked up
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException notAnAddress) {
      return false;
    }
  }
}
