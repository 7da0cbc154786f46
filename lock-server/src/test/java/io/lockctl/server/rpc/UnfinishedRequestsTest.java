package io.lockctl.server.rpc;

import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.lockctl.server.DaggerServerComponent;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfigParser;
import io.lockctl.server.testing.CapturedLog;
import io.lockctl.server.testing.RawGrpcStream;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls admitted while nothing was held, whose requests then arrive together past the in-flight
 * budget: the ones that take it over are cut off with SERVER_BUSY, and the server goes on serving
 * the rest, new calls and health checks included.
 */
class UnfinishedRequestsTest {
  private static final String METHOD = "lockctl.v1.SnapshotService/RegisterSnapshot";
  private static final int SENT = 600 << 10;

  @TempDir Path dataDir;

  @Test
  void requestsStillArrivingPastTheBudgetAreCutOff() throws Exception {
    ServerConfigParser.Invocation parsed =
        ServerConfigParser.parse(
            List.of(
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--max-inflight-request-bytes",
                "1MiB"),
            Map.of());
    LockctlServer server =
        DaggerServerComponent.factory()
            .create(assertInstanceOf(ServerConfigParser.Invocation.Run.class, parsed).config())
            .server();
    int port = server.start();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    List<RawGrpcStream> streams = new ArrayList<>();
    try (CapturedLog quiet = CapturedLog.of(InboundBytesBudget.class.getName())) {
      // each on a connection of its own, so no connection's flow control holds another back
      for (int i = 0; i < 3; i++) {
        streams.add(RawGrpcStream.open(port, METHOD, Map.of()));
      }
      Thread.sleep(500); // all three are admitted while nothing is held
      for (RawGrpcStream stream : streams) {
        stream.send(RawGrpcStream.frameHeader(0, 1 << 20), false);
        // more than one HTTP/2 window: the rest goes as the server reads, unless it cuts it off
        stream.sendWithoutWaiting(Unpooled.wrappedBuffer(new byte[SENT]));
      }

      // 3 x 600 KiB does not fit in 1 MiB: at most one can still be waiting for its end
      List<RawGrpcStream> cut = awaitAnswered(streams, 2);
      for (RawGrpcStream stream : cut) {
        RawGrpcStream.Answer answer = stream.answer(1);
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, answer.code(), answer::toString);
        assertEquals("SERVER_BUSY", answer.reason());
      }
      assertEquals(
          ServingStatus.SERVING,
          HealthGrpc.newBlockingStub(channel)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus());
      SnapshotServiceGrpc.newBlockingStub(channel)
          .registerSnapshot(register(snapshotId(1)).build());

      RawGrpcStream left = streams.stream().filter(s -> !s.answered()).findFirst().orElseThrow();
      left.send(Unpooled.wrappedBuffer(new byte[(1 << 20) - SENT]), true);
      // its request arrived whole: the call goes on (and 1 MiB of zeros is no request message)
      assertEquals(Status.Code.INVALID_ARGUMENT, left.answer(10).code());
      assertTrue(quiet.messages(java.util.logging.Level.WARNING).get(0).startsWith("cut off"));
    } finally {
      for (RawGrpcStream stream : streams) {
        stream.close();
      }
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.stop(Duration.ofSeconds(5));
    }
  }

  private static List<RawGrpcStream> awaitAnswered(List<RawGrpcStream> streams, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      List<RawGrpcStream> answered = streams.stream().filter(RawGrpcStream::answered).toList();
      if (answered.size() >= count) {
        assertEquals(count, answered.size(), "one stream's request fits the budget");
        return answered;
      }
      Thread.sleep(20);
    }
    return fail("fewer than " + count + " streams were cut off within 10 s");
  }
}
