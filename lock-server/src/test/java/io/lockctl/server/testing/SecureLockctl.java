package io.lockctl.server.testing;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.server.HttpConfig;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.auth.SecurityConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A lockctl server on 127.0.0.1 and a free port, secured as the test says, on a fresh store; and
 * the channels the test opens to it. Closing closes them all.
 */
public final class SecureLockctl implements AutoCloseable {
  /** Tests wait for rotations this long at most; the server reads its files every second. */
  public static final Duration RELOAD_PERIOD = Duration.ofSeconds(1);

  private final Path dataDir;
  private final LockctlServer server;
  private final int port;
  private final int httpPort;
  private final List<ManagedChannel> channels = new ArrayList<>();

  private SecureLockctl(Path dataDir, LockctlServer server, int port, int httpPort) {
    this.dataDir = dataDir;
    this.server = server;
    this.port = port;
    this.httpPort = httpPort;
  }

  public static SecureLockctl start(SecurityConfig security) throws IOException {
    return start(security, HttpConfig.OFF);
  }

  /** With the HTTP edge as {@code http} says, secured as gRPC is. */
  public static SecureLockctl start(SecurityConfig security, HttpConfig http) throws IOException {
    Path dataDir = Files.createTempDirectory("lockctl-tls-test");
    ServerConfig config =
        new ServerConfig(
                "127.0.0.1",
                0,
                dataDir,
                Duration.ofSeconds(5),
                null,
                ServerConfig.DEFAULT_MAX_CLOCK_STEP,
                security.withReloadPeriod(RELOAD_PERIOD))
            .withHttp(http);
    LockctlServer server =
        DaggerSecureServerComponent.factory()
            .create(config, new SettableClock(InProcessLockctl.START), Optional.empty())
            .server();
    try {
      int port = server.start();
      return new SecureLockctl(dataDir, server, port, server.startHttp().orElse(-1));
    } catch (IOException | RuntimeException failed) {
      server.stop(Duration.ZERO);
      TempDirs.deleteRecursively(dataDir);
      throw failed;
    }
  }

  public int port() {
    return port;
  }

  /** The HTTP edge's port, or -1 when it serves none. */
  public int httpPort() {
    return httpPort;
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  /** A channel to the server, closed with it. */
  public ManagedChannel channel(ChannelCredentials credentials) {
    ManagedChannel channel = Grpc.newChannelBuilder(target(), credentials).build();
    channels.add(channel);
    return channel;
  }

  /** TLS trusting {@code caPem}, with the client certificate and key if given. */
  public ManagedChannel channel(Path caPem, Path clientCert, Path clientKey) throws IOException {
    TlsChannelCredentials.Builder tls =
        TlsChannelCredentials.newBuilder().trustManager(caPem.toFile());
    if (clientCert != null) {
      tls.keyManager(clientCert.toFile(), clientKey.toFile());
    }
    return channel(tls.build());
  }

  /** The principal the server sees for a call on {@code channel}. */
  public static String whoAmI(ManagedChannel channel, CallOptions options) {
    return WhoAmI.ask(channel, options);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      for (ManagedChannel channel : channels) {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      server.stop(Duration.ofSeconds(5));
    } finally {
      TempDirs.deleteRecursively(dataDir);
    }
  }
}
