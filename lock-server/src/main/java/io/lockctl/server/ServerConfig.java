package io.lockctl.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the server runs: where it listens, where it keeps its data, and how long a graceful stop
 * may wait for calls in flight.
 *
 * @param port 0 picks a free port
 */
public record ServerConfig(String host, int port, Path dataDir, Duration shutdownGrace) {
  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 50051;
  public static final Path DEFAULT_DATA_DIR = Path.of("lockctl-data");
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

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
  }
}
