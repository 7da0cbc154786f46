package io.lockctl.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the server runs: where it listens, where it keeps its data, and how long a graceful stop may
 * wait for calls in flight.
 *
 * @param port 0 picks a free port
 * @param dataDir the embedded store's directory; unused when {@code postgresUrl} is set
 * @param postgresUrl a {@code jdbc:postgresql:} URL to keep the data in PostgreSQL instead (shared
 *     by any number of replicas), or null for the embedded store
 */
public record ServerConfig(
    String host, int port, Path dataDir, Duration shutdownGrace, String postgresUrl) {
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 50051;
  public static final Path DEFAULT_DATA_DIR = Path.of("lockctl-data");
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  public static final String POSTGRES_URL_PREFIX = "jdbc:postgresql:";

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
  }

  /** On the embedded store. */
  public ServerConfig(String host, int port, Path dataDir, Duration shutdownGrace) {
    this(host, port, dataDir, shutdownGrace, null);
  }
}
