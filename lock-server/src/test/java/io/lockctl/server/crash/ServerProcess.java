package io.lockctl.server.crash;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** lockctl's Main in a JVM of its own, on a data directory that outlives it. */
final class ServerProcess implements AutoCloseable {
  private static final Pattern READY = Pattern.compile("^lockctl listening on 127\\.0\\.0\\.1:(\\d+)$");
  private static final long READY_WAIT_SECONDS = 60;
  private static final long EXIT_WAIT_SECONDS = 30;

  private final Process process;
  private final int port;
  private final Path stderr;

  private ServerProcess(Process process, int port, Path stderr) {
    this.process = process;
    this.port = port;
    this.stderr = stderr;
  }

  /** Starts a server on {@code dataDir} and waits (bounded) for its ready line. */
  static ServerProcess start(Path dataDir, Path stderr) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // a crash test wants fast restarts, not peak speed: no C2 compiles, the smallest collector
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName(),
        "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
        .start();
    BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String ready;
    try {
      ready = CompletableFuture.supplyAsync(() -> readLine(stdout)).get(READY_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException notReady) {
      process.destroyForcibly().waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
      throw new IOException("the server did not report ready: " + notReady + "; stderr: " + tail(stderr));
    }
    Matcher matcher = READY.matcher(String.valueOf(ready));
    if (!matcher.matches()) {
      process.destroyForcibly().waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
      throw new IOException("the ready line was " + ready + "; stderr: " + tail(stderr));
    }
    return new ServerProcess(process, Integer.parseInt(matcher.group(1)), stderr);
  }

  int port() {
    return port;
  }

  /** SIGKILL: no shutdown hook, no drain, no close of the store. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the server survived SIGKILL for " + EXIT_WAIT_SECONDS + " s");
    }
  }

  String stderrTail() {
    return tail(stderr);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException failed) {
      throw new UncheckedIOException(failed);
    }
  }

  private static String tail(Path file) {
    try {
      String text = Files.readString(file);
      return text.substring(Math.max(0, text.length() - 4000));
    } catch (IOException unreadable) {
      return "(unreadable: " + unreadable + ")";
    }
  }
}
