package io.lockctl.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server in a JVM of its own, started by {@code compare} so that it does not share a heap, a JIT
 * or a garbage collector with the load generator. Both lockctl and the no-op server print one line
 * "... listening on HOST:PORT" when they serve (lockctl adds its security mode in parentheses);
 * that is the child's target. Closing stops it with SIGTERM (lockctl then drains and closes its
 * store), and kills it if it does not stop in time.
 */
final class ChildServer implements AutoCloseable {

  private static final Pattern READY = Pattern.compile("^\\S+ listening on (\\S+)(?: \\(.*\\))?$");
  private static final Duration READY_WAIT = Duration.ofSeconds(60);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  /**
   * The JVM options that {@code bin/lockctl-server} runs the server with, so that the figures are
   * those of the server as operators start it.
   */
  static final List<String> LOCKCTL_JVM_OPTIONS =
      List.of(
          "-XX:+ExitOnOutOfMemoryError", "-XX:MaxTenuringThreshold=1", "-XX:MaxGCPauseMillis=50");

  private final String name;
  private final Process process;
  private final String target;

  private ChildServer(String name, Process process, String target) {
    this.name = name;
    this.process = process;
    this.target = target;
  }

  /** Runs {@code javaArgs} with this JVM's {@code java}; standard error goes to ours. */
  static ChildServer launch(String name, List<String> javaArgs)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaArgs);
    Process process =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> readStdout(process, ready), name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    try {
      return new ChildServer(name, process, ready.get(READY_WAIT.toSeconds(), TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException notReady) {
      process.destroyForcibly().waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
      throw new IOException(
          name
              + " did not report listening within "
              + READY_WAIT.toSeconds()
              + " s: "
              + (notReady.getCause() != null ? notReady.getCause().getMessage() : "timed out")
              + " ("
              + command
              + ")");
    }
  }

  /**
   * Runs {@code command}, a server that prints no ready line (etcd), with its output going to
   * {@code log}; it is ready when {@code host:port} accepts a connection.
   */
  static ChildServer launchListening(
      String name, List<String> command, String host, int port, Path log)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    long giveUp = System.nanoTime() + READY_WAIT.toNanos();
    while (System.nanoTime() - giveUp < 0 && process.isAlive()) {
      try (Socket probe = new Socket(host, port)) {
        return new ChildServer(name, process, host + ":" + port);
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly().waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    throw new IOException(
        name + " did not listen on " + host + ":" + port + " (" + command + "); see " + log);
  }

  /** A port nothing listens on now, for a server that cannot be told to pick one itself. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The java arguments that run this tool's no-op server on a free loopback port. */
  static List<String> noopArgs() {
    return List.of(
        "-cp",
        System.getProperty("java.class.path"),
        LoadTool.class.getName(),
        "noop",
        "--host",
        "127.0.0.1",
        "--port",
        "0");
  }

  /**
   * The java arguments ({@link #LOCKCTL_JVM_OPTIONS} first) that run lockctl from {@code serverJar}
   * on a free loopback port, in plaintext, on the embedded store in {@code dataDir}.
   */
  static List<String> lockctlArgs(Path serverJar, Path dataDir) throws IOException {
    return lockctlArgs(serverJar, dataDir, List.of());
  }

  /**
   * As {@link #lockctlArgs(Path, Path)}, with {@code jvmOptions} after the launcher's, so that they
   * win where both set the same option, as {@code JAVA_OPTS} does for {@code bin/lockctl-server}.
   */
  static List<String> lockctlArgs(Path serverJar, Path dataDir, List<String> jvmOptions)
      throws IOException {
    return lockctlArgs(serverJar, jvmOptions, List.of("--data-dir", dataDir.toString()));
  }

  /**
   * The java arguments that run lockctl from {@code serverJar} on a free loopback port, in
   * plaintext, on the PostgreSQL database at {@code postgresUrl}.
   */
  static List<String> lockctlOnPostgresArgs(Path serverJar, String postgresUrl) throws IOException {
    return lockctlArgs(serverJar, List.of(), List.of("--postgres-url", postgresUrl));
  }

  private static List<String> lockctlArgs(
      Path serverJar, List<String> jvmOptions, List<String> storeArgs) throws IOException {
    if (!Files.isRegularFile(serverJar)) {
      throw new IOException(
          "no lockctl server jar at "
              + serverJar
              + " (build it with mvn -B -DskipTests package, or give --server-jar)");
    }
    List<String> args = new ArrayList<>(LOCKCTL_JVM_OPTIONS);
    args.addAll(jvmOptions);
    args.addAll(List.of("-jar", serverJar.toString()));
    args.addAll(List.of("--host", "127.0.0.1", "--port", "0"));
    args.addAll(storeArgs);
    return args;
  }

  String target() {
    return target;
  }

  ProcessHandle process() {
    return process.toHandle();
  }

  /** The target in a ready line, or null if {@code line} is not one. */
  static String readyTarget(String line) {
    Matcher m = READY.matcher(line);
    return m.matches() ? m.group(1) : null;
  }

  /** Completes {@code ready} with the target of the ready line, then keeps draining the pipe. */
  private static void readStdout(Process process, CompletableFuture<String> ready) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String target = readyTarget(line);
        if (target != null) {
          ready.complete(target);
        }
      }
      ready.completeExceptionally(new IOException("it exited with status " + process.waitFor()));
    } catch (IOException e) {
      ready.completeExceptionally(new UncheckedIOException(e));
    } catch (InterruptedException e) {
      ready.completeExceptionally(e);
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
      System.err.println(
          "loadtest: " + name + " did not stop within " + STOP_WAIT.toSeconds() + " s; killing it");
      process.destroyForcibly().waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }
}
