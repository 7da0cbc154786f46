package io.lockctl.server;

import io.lockctl.core.clock.ComplianceClock;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the server runs: where it listens, where it keeps its data, how long a graceful stop may wait
 * for calls in flight, and how far the compliance clock follows the system clock forward at once.
 *
 * @param port 0 picks a free port
 * @param dataDir the embedded store's directory; unused when {@code postgresUrl} is set
 * @param postgresUrl a {@code jdbc:postgresql:} URL to keep the data in PostgreSQL instead (shared
 *     by any number of replicas), or null for the embedded store
 * @param maxClockStep the largest forward step of the system clock the compliance clock follows at
 *     once; larger ones it slews (see {@link ComplianceClock})
 */
public record ServerConfig(
    String host,
    int port,
    Path dataDir,
    Duration shutdownGrace,
    String postgresUrl,
    Duration maxClockStep) {
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 50051;
  public static final Path DEFAULT_DATA_DIR = Path.of("lockctl-data");
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  public static final String POSTGRES_URL_PREFIX = "jdbc:postgresql:";
  public static final Duration DEFAULT_MAX_CLOCK_STEP = ComplianceClock.DEFAULT_MAX_CLOCK_STEP;

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
  }

  /** With the default maximum clock step. */
  public ServerConfig(
      String host, int port, Path dataDir, Duration shutdownGrace, String postgresUrl) {
    this(host, port, dataDir, shutdownGrace, postgresUrl, DEFAULT_MAX_CLOCK_STEP);
  }

  /** On the embedded store. */
  public ServerConfig(String host, int port, Path dataDir, Duration shutdownGrace) {
    this(host, port, dataDir, shutdownGrace, null);
  }
}
