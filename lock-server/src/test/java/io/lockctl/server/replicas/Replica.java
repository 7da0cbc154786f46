package io.lockctl.server.replicas;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.lockctl.server.testing.ServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A lockctl server in a JVM of its own, as an operator runs it, and a channel to it. */
final class Replica implements AutoCloseable {
  final String name;
  final ManagedChannel channel;
  private final ServerProcess server;

  private Replica(String name, ServerProcess server) {
    this.name = name;
    this.server = server;
    this.channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  /** Starts {@code Main} on a free port with {@code args} and waits for its ready line. */
  static Replica start(String name, Path dir, List<String> args) throws Exception {
    List<String> all =
        new ArrayList<>(List.of("--data-dir", dir.resolve(name + "-unused").toString()));
    all.addAll(args);
    return new Replica(
        name, ServerProcess.start(dir.resolve(name + "-stderr.txt"), all.toArray(String[]::new)));
  }

  /** Stops it as an operator would (SIGTERM); returns its exit status. */
  int stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    return server.stop();
  }

  String stderr() {
    return server.stderrTail();
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }
}
