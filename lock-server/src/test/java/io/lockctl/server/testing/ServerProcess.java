package io.lockctl.server.testing;

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

/**
 * lockctl's {@code Main} in a JVM of its own, as operators run it: on 127.0.0.1 (unless the
 * arguments say otherwise) and a free port, ready once it prints its one ready line, stopped by
 * SIGTERM or killed by SIGKILL.
 */
public final class ServerProcess implements AutoCloseable {
  /** The ready line: the address, then the security mode in parentheses. */
  private static final Pattern READY =
      Pattern.compile("^lockctl listening on (\\S+):(\\d+) \\((.+)\\)$");

  private static final long READY_WAIT_SECONDS = 60;
  private static final long EXIT_WAIT_SECONDS = 30;

  private final Process process;
  private final int port;
  private final String mode;
  private final Path stderr;

  private ServerProcess(Process process, int port, String mode, Path stderr) {
    this.process = process;
    this.port = port;
    this.mode = mode;
    this.stderr = stderr;
  }

  /**
   * Starts a server with {@code args} (besides host and port, e.g. {@code --data-dir}) and waits,
   * bounded, for its ready line. Its stderr is appended to {@code stderr}.
   */
  public static ServerProcess start(Path stderr, String... args)
      throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--host", "127.0.0.1", "--port", "0"));
    all.addAll(List.of(args));
    Process process = launch(stderr, all);
    BufferedReader stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String ready;
    try {
      ready =
          CompletableFuture.supplyAsync(() -> readLine(stdout))
              .get(READY_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException notReady) {
      process.destroyForcibly().waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
      throw new IOException(
          "the server did not report ready: " + notReady + "; stderr: " + tail(stderr));
    }
    Matcher matcher = READY.matcher(String.valueOf(ready));
    if (!matcher.matches()) {
      process.destroyForcibly().waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS);
      throw new IOException("the ready line was " + ready + "; stderr: " + tail(stderr));
    }
    return new ServerProcess(process, Integer.parseInt(matcher.group(2)), matcher.group(3), stderr);
  }

  /** Runs {@code Main} with exactly {@code args}, without waiting for anything. */
  public static Process launch(Path stderr, List<String> args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // tests want fast starts and restarts, not peak speed: no C2 compiles, the smallest
                // collector
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(args);
    return new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()))
        .start();
  }

  public int port() {
    return port;
  }

  /** The security mode the ready line names, e.g. "tls, client certificates". */
  public String mode() {
    return mode;
  }

  /** SIGTERM, as an operator stops it; returns its exit status. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "the server did not stop within " + EXIT_WAIT_SECONDS + " s of SIGTERM");
    }
    return process.exitValue();
  }

  /** SIGKILL: no shutdown hook, no drain, no close of the store. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException(
          "the server survived SIGKILL for " + EXIT_WAIT_SECONDS + " s");
    }
  }

  public String stderrTail() {
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
