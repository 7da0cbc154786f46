package io.lockctl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.lockctl.server.testing.Requests;
import io.lockctl.server.testing.ServerProcess;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main as operators run it: a separate JVM, one ready line on stdout, SIGTERM to stop. */
class MainProcessTest {
  @TempDir Path dir;

  private final List<AutoCloseable> leftovers = new ArrayList<>();

  @AfterEach
  void killLeftovers() throws Exception {
    for (AutoCloseable leftover : leftovers) {
      leftover.close();
    }
  }

  @Test
  void servesUntilSigtermThenExitsCleanly() throws Exception {
    ServerProcess server =
        ServerProcess.start(stderrFile(), "--data-dir", dir.resolve("data").toString());
    leftovers.add(server);

    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    try {
      assertEquals(
          Requests.snapshotId(1),
          SnapshotServiceGrpc.newBlockingStub(channel)
              .registerSnapshot(Requests.register(Requests.snapshotId(1)).build())
              .getSnapshot()
              .getSnapshotId());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    assertEquals(0, server.stop(), server::stderrTail);
  }

  @Test
  void aSecondServerOnTheSameDataDirectoryIsRefused() throws Exception {
    String data = dir.resolve("data").toString();
    ServerProcess first = ServerProcess.start(stderrFile(), "--data-dir", data);
    leftovers.add(first);

    Process second =
        ServerProcess.launch(
            stderrFile(), List.of("--host", "127.0.0.1", "--port", "0", "--data-dir", data));
    leftovers.add(() -> second.destroyForcibly().waitFor(10, TimeUnit.SECONDS));
    assertTrue(second.waitFor(60, TimeUnit.SECONDS));
    assertEquals(Main.EXIT_FAILED, second.exitValue());
    String stderr = Files.readString(stderrFile());
    assertTrue(stderr.contains("is in use by another lockctl server"), stderr);

    // Once the first has stopped, the directory is free again.
    assertEquals(0, first.stop());
    ServerProcess third = ServerProcess.start(stderrFile(), "--data-dir", data);
    leftovers.add(third);
    assertEquals(0, third.stop());
  }

  @Test
  void aStoreThatLostItsDatabaseIsRefusedUnlessTheLossIsAccepted() throws Exception {
    Path data = dir.resolve("data");
    ServerProcess first = ServerProcess.start(stderrFile(), "--data-dir", data.toString());
    leftovers.add(first);
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", first.port()).usePlaintext().build();
    try {
      SnapshotServiceGrpc.newBlockingStub(channel)
          .registerSnapshot(Requests.register(Requests.snapshotId(1)).build());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    assertEquals(0, first.stop());
    for (String file : List.of("lockctl.db", "lockctl.db-wal", "lockctl.db-shm")) {
      Files.deleteIfExists(data.resolve(file));
    }

    Process refused =
        ServerProcess.launch(
            stderrFile(),
            List.of("--host", "127.0.0.1", "--port", "0", "--data-dir", data.toString()));
    leftovers.add(() -> refused.destroyForcibly().waitFor(10, TimeUnit.SECONDS));
    assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
    assertEquals(Main.EXIT_FAILED, refused.exitValue());
    String stderr = Files.readString(stderrFile());
    assertTrue(
        stderr.contains("all 1 are missing") && stderr.contains("--accept-store-loss"), stderr);

    ServerProcess accepted =
        ServerProcess.start(stderrFile(), "--data-dir", data.toString(), "--accept-store-loss");
    leftovers.add(accepted);
    assertEquals(0, accepted.stop());
    assertTrue(Files.readString(stderrFile()).contains("starting anyway"));
  }

  @Test
  void aBadFlagExitsWithUsage() throws Exception {
    Process process = ServerProcess.launch(stderrFile(), List.of("--port", "seventy"));
    leftovers.add(() -> process.destroyForcibly().waitFor(10, TimeUnit.SECONDS));

    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    String stderr = Files.readString(stderrFile());
    assertTrue(stderr.contains("--port"), stderr);
  }

  private Path stderrFile() {
    return dir.resolve("stderr.txt");
  }
}
