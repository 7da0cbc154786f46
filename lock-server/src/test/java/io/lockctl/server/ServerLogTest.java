package io.lockctl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.lockctl.server.rpc.CallerInterceptor;
import io.lockctl.server.rpc.RequestLogInterceptor;
import io.lockctl.server.testing.Requests;
import io.lockctl.server.testing.ServerProcess;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's log as an operator reads it: Main in its own JVM, its stderr captured. */
class ServerLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final List<AutoCloseable> leftovers = new ArrayList<>();

  @AfterEach
  void closeLeftovers() throws Exception {
    for (AutoCloseable leftover : leftovers) {
      leftover.close();
    }
  }

  @Test
  void jsonLinesForStartEveryCallAndStop() throws Exception {
    Path stderr = dir.resolve("stderr.log");
    ServerProcess server = start(stderr, "--log-format", "json");
    ManagedChannel channel = channel(server);
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    ClientInterceptor capture = MetadataUtils.newCaptureMetadataInterceptor(headers, trailers);

    SnapshotServiceGrpc.newBlockingStub(channel)
        .withInterceptors(capture, sending("req-42", "alice"))
        .registerSnapshot(Requests.register(Requests.snapshotId(1)).build());
    String echoed = headers.get().get(RequestLogInterceptor.REQUEST_ID);
    assertThrows(
        StatusRuntimeException.class,
        () ->
            SnapshotServiceGrpc.newBlockingStub(channel)
                .withInterceptors(capture)
                .getSnapshot(
                    GetSnapshotRequest.newBuilder()
                        .setRegionId(Requests.REGION)
                        .setSnapshotId(Requests.snapshotId(2))
                        .build()));
    String generated = trailers.get().get(RequestLogInterceptor.REQUEST_ID);
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    assertEquals(0, server.stop(), server::stderrTail);

    List<JsonNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(stderr, StandardCharsets.UTF_8)) {
      lines.add(JSON.readTree(line)); // every line is one JSON object
    }
    assertEquals("req-42", echoed);
    JsonNode registered = only(lines, "request_id", "req-42");
    assertEquals("call", registered.get("message").asText());
    assertEquals("INFO", registered.get("level").asText());
    assertEquals("alice", registered.get("principal").asText());
    assertEquals("lockctl.v1.SnapshotService/RegisterSnapshot", registered.get("rpc").asText());
    assertEquals("OK", registered.get("status").asText());
    assertTrue(registered.get("latency_ms").isNumber(), registered::toString);
    assertTrue(registered.get("latency_ms").asDouble() > 0, registered::toString);
    assertFalse(registered.has("reason"));

    assertTrue(generated.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
    JsonNode refused = only(lines, "request_id", generated);
    assertEquals("anonymous", refused.get("principal").asText());
    assertEquals("NOT_FOUND", refused.get("status").asText());
    assertEquals("SNAPSHOT_NOT_FOUND", refused.get("reason").asText());

    assertTrue(lines.stream().noneMatch(l -> l.has("stack_trace")), () -> lines.toString());
    List<String> messages = lines.stream().map(l -> l.get("message").asText()).toList();
    int started = messages.indexOf("lockctl started");
    int stopping = messages.indexOf("lockctl stopping");
    int stopped = messages.indexOf("lockctl stopped");
    assertTrue(started >= 0 && started < stopping && stopping < stopped, messages::toString);
    assertEquals(Version.current(), lines.get(started).get("version").asText());
    assertEquals("127.0.0.1:" + server.port(), lines.get(started).get("address").asText());
    assertTrue(messages.lastIndexOf("call") < stopping, messages::toString);
  }

  @Test
  void textLinesAndAnImplausibleRequestIdIsReplaced() throws Exception {
    Path stderr = dir.resolve("stderr.log");
    ServerProcess server = start(stderr, "--log-format", "text");
    ManagedChannel channel = channel(server);
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();

    SnapshotServiceGrpc.newBlockingStub(channel)
        .withInterceptors(
            MetadataUtils.newCaptureMetadataInterceptor(headers, trailers),
            sending("evil id=forged", "bob"))
        .registerSnapshot(Requests.register(Requests.snapshotId(1)).build());
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    assertEquals(0, server.stop(), server::stderrTail);

    String requestId = headers.get().get(RequestLogInterceptor.REQUEST_ID);
    assertNotEquals("evil id=forged", requestId);
    String log = Files.readString(stderr);
    assertTrue(
        log.contains(
            " INFO io.lockctl.server.rpc.RequestLogInterceptor: call request_id="
                + requestId
                + " principal=bob rpc=lockctl.v1.SnapshotService/RegisterSnapshot status=OK"
                + " latency_ms="),
        log);
    assertFalse(log.contains("forged"), log);
    assertTrue(log.contains("INFO io.lockctl.server.Main: lockctl stopped stop_ms="), log);
  }

  @Test
  void warnLevelLeavesOutTheCallLines() throws Exception {
    Path stderr = dir.resolve("stderr.log");
    ServerProcess server = start(stderr, "--log-level", "warn");
    ManagedChannel channel = channel(server);
    SnapshotServiceGrpc.newBlockingStub(channel)
        .registerSnapshot(Requests.register(Requests.snapshotId(1)).build());
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    assertEquals(0, server.stop(), server::stderrTail);

    String log = Files.readString(stderr);
    assertFalse(log.contains(": call "), log);
    assertFalse(log.contains("lockctl started"), log);
  }

  @Test
  void versionPrintsTheBuildsVersionAndExitsZero() throws Exception {
    Process process = ServerProcess.launch(dir.resolve("stderr.log"), List.of("--version"));
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));

    assertEquals(0, process.exitValue());
    assertEquals("lockctl " + Version.current(), stdout.strip());
    assertTrue(Version.current().matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?"), Version::current);
  }

  private ServerProcess start(Path stderr, String... logFlags)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
    args.addAll(List.of(logFlags));
    ServerProcess server = ServerProcess.start(stderr, args.toArray(String[]::new));
    leftovers.add(server);
    return server;
  }

  private ManagedChannel channel(ServerProcess server) {
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    leftovers.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    return channel;
  }

  private static ClientInterceptor sending(String requestId, String caller) {
    Metadata extra = new Metadata();
    extra.put(RequestLogInterceptor.REQUEST_ID, requestId);
    extra.put(CallerInterceptor.HEADER, caller);
    return MetadataUtils.newAttachHeadersInterceptor(extra);
  }

  private static JsonNode only(List<JsonNode> lines, String field, String value) {
    List<JsonNode> matching =
        lines.stream().filter(l -> l.has(field) && l.get(field).asText().equals(value)).toList();
    assertEquals(1, matching.size(), () -> field + "=" + value + " in " + lines);
    return matching.get(0);
  }
}
