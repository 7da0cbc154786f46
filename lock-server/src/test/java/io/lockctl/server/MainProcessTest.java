package io.lockctl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.lockctl.server.testing.Requests;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Main as operators run it: a separate JVM, one ready line on stdout, SIGTERM to stop. */
class MainProcessTest {
  private static final Pattern READY = Pattern.compile("^lockctl listening on 127\\.0\\.0\\.1:(\\d+)$");

  @TempDir
  Path dir;

  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() throws InterruptedException {
    for (Process process : processes) {
      if (process.isAlive()) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void servesUntilSigtermThenExitsCleanly() throws Exception {
    Process server = launch("--host", "127.0.0.1", "--port", "0", "--data-dir", dir.resolve("data").toString());
    BufferedReader stdout = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    String ready = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(60, TimeUnit.SECONDS);
    Matcher matcher = READY.matcher(String.valueOf(ready));
    assertTrue(matcher.matches(), () -> "ready line was " + ready + "; stderr: " + stderr());
    int port = Integer.parseInt(matcher.group(1));

    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      assertEquals(Requests.snapshotId(1), SnapshotServiceGrpc.newBlockingStub(channel)
          .registerSnapshot(Requests.register(Requests.snapshotId(1)).build()).getSnapshot().getSnapshotId());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    server.destroy();

    assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server did not stop");
    assertEquals(0, server.exitValue(), this::stderr);
  }

  @Test
  void aBadFlagExitsWithUsage() throws Exception {
    Process process = launch("--port", "seventy");

    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertTrue(stderr().contains("--port"), this::stderr);
  }

  private Process launch(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command)
        .redirectError(dir.resolve("stderr.txt").toFile())
        .start();
    processes.add(process);
    return process;
  }

  private String stderr() {
    try {
      return Files.readString(dir.resolve("stderr.txt"));
    } catch (java.io.IOException unreadable) {
      return "(stderr unreadable: " + unreadable + ")";
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (java.io.IOException failed) {
      throw new java.io.UncheckedIOException(failed);
    }
  }
}
