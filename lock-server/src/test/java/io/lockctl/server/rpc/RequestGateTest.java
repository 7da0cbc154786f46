package io.lockctl.server.rpc;

import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCalls;
import io.lockctl.server.DaggerServerComponent;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.ServerConfigParser;
import io.lockctl.server.ServerLimits;
import io.lockctl.server.testing.CapturedLog;
import io.lockctl.server.testing.RawBytes;
import io.lockctl.server.testing.Refusals.Refusal;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bytes the service cannot use, sent over a real port as raw bytes on the methods' full
 * names: each gets a status with a reason, and a flood of them costs a log line a second.
 */
class RequestGateTest {
  @TempDir Path dataDir;
  private LockctlServer server;
  private ManagedChannel channel;
  private CapturedLog log;

  @BeforeEach
  void start() throws IOException {
    log = CapturedLog.of("io.grpc", "io.lockctl");
    server =
        DaggerServerComponent.factory()
            .create(new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5)))
            .server();
    int port = server.start();
    channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port)
            .usePlaintext()
            .maxInboundMetadataSize(8 << 10)
            .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop(Duration.ofSeconds(5));
    log.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ffffffffffffffffffffff", // a varint that never ends
        "0a10", // a field promising 16 bytes that never come
        "0a01ff", // region_id that is not UTF-8
        "07", // a tag with wire type 7, which does not exist
      })
  void bytesThatDoNotParseAreInvalidParameter(String hex) {
    byte[] garbage = HexFormat.of().parseHex(hex);

    Refusal refusal =
        assertRefused(
            Status.Code.INVALID_ARGUMENT,
            "INVALID_PARAMETER",
            () -> call(SnapshotServiceGrpc.getRegisterSnapshotMethod(), garbage));

    assertTrue(refusal.status().getDescription().contains("not a valid request message"));
    assertEquals(1, refusalLines().size(), () -> "one line: " + refusalLines());
    assertFalse(log.anyThrown(), "no stack trace is logged");
  }

  @Test
  void aFloodOfGarbageIsLoggedOnceASecond() {
    byte[] garbage = HexFormat.of().parseHex("ffffffffffffffffffffff");
    long started = System.nanoTime();
    for (int i = 0; i < 200; i++) {
      assertRefused(
          Status.Code.INVALID_ARGUMENT,
          "INVALID_PARAMETER",
          () -> call(SnapshotServiceGrpc.getGetSnapshotMethod(), garbage));
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);

    List<String> lines = refusalLines();
    assertTrue(lines.size() <= seconds + 1, () -> lines.size() + " lines in " + seconds + " s");
    assertFalse(log.anyThrown());
  }

  @Test
  void healthAndReflectionAreGuardedToo() {
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_PARAMETER",
        () -> call(HealthGrpc.getCheckMethod(), HexFormat.of().parseHex("0a10")));
  }

  @Test
  void aValidRequestAsRawBytesIsServed() throws Exception {
    byte[] request = register(snapshotId(1)).build().toByteArray();

    byte[] response = call(SnapshotServiceGrpc.getRegisterSnapshotMethod(), request);

    assertEquals(
        snapshotId(1), RegisterSnapshotResponse.parseFrom(response).getSnapshot().getSnapshotId());
  }

  @Test
  void aRequestOverTheLimitIsRequestTooLarge() {
    byte[] request =
        register(snapshotId(1))
            .putTags("big", "x".repeat(ServerLimits.DEFAULTS.maxRequestBytes()))
            .build()
            .toByteArray();

    Refusal refusal =
        assertRefused(
            Status.Code.RESOURCE_EXHAUSTED,
            "REQUEST_TOO_LARGE",
            () -> call(SnapshotServiceGrpc.getRegisterSnapshotMethod(), request));

    assertEquals(
        Integer.toString(ServerLimits.DEFAULTS.maxRequestBytes()),
        refusal.errorInfo().getMetadataOrThrow("max_request_bytes"));
    assertFalse(log.anyThrown());
  }

  @Test
  void theFlagsSetTheRequestLimitAndHowOftenRefusalsAreLogged() throws Exception {
    ServerConfigParser.Invocation parsed =
        ServerConfigParser.parse(
            List.of(
                "--port",
                "0",
                "--data-dir",
                dataDir.resolve("configured").toString(),
                "--max-request-bytes",
                "64KiB",
                "--refusal-log-interval",
                "0"),
            Map.of());
    LockctlServer configured =
        DaggerServerComponent.factory()
            .create(assertInstanceOf(ServerConfigParser.Invocation.Run.class, parsed).config())
            .server();
    ManagedChannel toConfigured =
        ManagedChannelBuilder.forAddress("127.0.0.1", configured.start()).usePlaintext().build();
    try {
      SnapshotServiceGrpc.SnapshotServiceBlockingStub snapshots =
          SnapshotServiceGrpc.newBlockingStub(toConfigured);
      snapshots.registerSnapshot(register(snapshotId(1)).putTags("t", "x".repeat(200)).build());
      for (int i = 0; i < 3; i++) {
        Refusal refusal =
            assertRefused(
                Status.Code.RESOURCE_EXHAUSTED,
                "REQUEST_TOO_LARGE",
                () ->
                    snapshots.registerSnapshot(
                        register(snapshotId(2)).putTags("big", "x".repeat(100 << 10)).build()));
        assertEquals("65536", refusal.errorInfo().getMetadataOrThrow("max_request_bytes"));
      }
      assertEquals(3, refusalLines().size(), () -> "a line for every one: " + refusalLines());
    } finally {
      toConfigured.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      configured.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void aRequestOverTheTransportLimitIsRefusedWithoutAStackTrace() {
    byte[] huge = new byte[5 * ServerLimits.DEFAULTS.maxRequestBytes()];
    Arrays.fill(huge, (byte) 0xff);

    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () -> call(SnapshotServiceGrpc.getRegisterSnapshotMethod(), huge));

    assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
    assertFalse(log.anyThrown(), "no stack trace is logged");
  }

  private List<String> refusalLines() {
    return log.messages(Level.INFO).stream().filter(line -> line.startsWith("refused")).toList();
  }

  private <ReqT, RespT> byte[] call(MethodDescriptor<ReqT, RespT> method, byte[] request) {
    MethodDescriptor<byte[], byte[]> raw =
        MethodDescriptor.<byte[], byte[]>newBuilder(RawBytes.MARSHALLER, RawBytes.MARSHALLER)
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(method.getFullMethodName())
            .build();
    return ClientCalls.blockingUnaryCall(
        channel, raw, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
  }
}
