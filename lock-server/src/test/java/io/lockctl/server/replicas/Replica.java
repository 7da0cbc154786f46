package io.lockctl.server.replicas;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.lockctl.server.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A lockctl server in a JVM of its own, as an operator runs it, and a channel to it. */
final class Replica implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile("^lockctl listening on 127\\.0\\.0\\.1:(\\d+)$");

  final String name;
  final ManagedChannel channel;
  private final Process process;
  private final Path stderr;

  private Replica(String name, Process process, Path stderr, int port) {
    this.name = name;
    this.process = process;
    this.stderr = stderr;
    this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** Starts {@code Main} on a free port with {@code args} and waits for its ready line. */
  static Replica start(String name, Path dir, List<String> args) throws Exception {
    Path stderr = dir.resolve(name + "-stderr.txt");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--host", "127.0.0.1", "--port", "0",
        "--data-dir", dir.resolve(name + "-unused").toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    BufferedReader stdout = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String ready;
    try {
      ready = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(60, TimeUnit.SECONDS);
    } catch (Exception notReady) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " never got ready: " + Files.readString(stderr), notReady);
    }
    Matcher matcher = READY.matcher(String.valueOf(ready));
    if (!matcher.matches()) {
      process.destroyForcibly();
      throw new IllegalStateException(name + " printed " + ready + "; stderr: " + Files.readString(stderr));
    }
    return new Replica(name, process, stderr, Integer.parseInt(matcher.group(1)));
  }

  /** Stops it as an operator would (SIGTERM); it must exit cleanly. */
  int stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " did not stop");
    }
    return process.exitValue();
  }

  String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException unreadable) {
      return "(unreadable: " + unreadable + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }
}
