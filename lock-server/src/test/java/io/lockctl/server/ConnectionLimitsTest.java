package io.lockctl.server;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.GetSnapshotResponse;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection holds at most {@code --max-calls-per-connection} calls at once (100 unless set). */
class ConnectionLimitsTest {
  @TempDir Path dataDir;

  @Test
  void callsBeyondTheLimitWaitWhileOtherConnectionsAreServed() throws Exception {
    assertCallsBeyondTheLimitWait(
        new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5)),
        ServerLimits.DEFAULTS.maxCallsPerConnection());
  }

  @Test
  void theFlagSetsTheLimit() throws Exception {
    ServerConfigParser.Invocation parsed =
        ServerConfigParser.parse(
            List.of(
                "--port", "0", "--data-dir", dataDir.toString(), "--max-calls-per-connection", "3"),
            Map.of());
    assertCallsBeyondTheLimitWait(
        assertInstanceOf(ServerConfigParser.Invocation.Run.class, parsed).config(), 3);
  }

  private static void assertCallsBeyondTheLimitWait(ServerConfig config, int limit)
      throws Exception {
    LockctlServer server = DaggerServerComponent.factory().create(config).server();
    int port = server.start();
    ManagedChannel crowded =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    ManagedChannel other =
        ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      // One finished call first: the connection is up and the client knows the server's stream
      // limit before the calls below open their streams, in order, so the one over it queues.
      assertNotFound(crowded, 5);
      // calls started but never sent: each holds a stream open on the server
      List<ClientCall<GetSnapshotRequest, GetSnapshotResponse>> unfinished = new ArrayList<>();
      for (int i = 0; i < limit; i++) {
        ClientCall<GetSnapshotRequest, GetSnapshotResponse> call =
            crowded.newCall(SnapshotServiceGrpc.getGetSnapshotMethod(), CallOptions.DEFAULT);
        call.start(new ClientCall.Listener<>() {}, new Metadata());
        call.request(1);
        unfinished.add(call);
      }
      // the streams are opened asynchronously; let them reach the server
      assertNotFound(other, 5);

      StatusRuntimeException queued =
          assertThrows(StatusRuntimeException.class, () -> get(crowded, 1));
      assertEquals(Status.Code.DEADLINE_EXCEEDED, queued.getStatus().getCode());
      assertNotFound(other, 5);

      unfinished.forEach(call -> call.cancel("done waiting", null));
    } finally {
      crowded.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      other.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.stop(Duration.ofSeconds(5));
    }
  }

  private static void assertNotFound(ManagedChannel channel, int seconds) {
    StatusRuntimeException answered =
        assertThrows(StatusRuntimeException.class, () -> get(channel, seconds));
    assertEquals(Status.Code.NOT_FOUND, answered.getStatus().getCode());
  }

  private static GetSnapshotResponse get(ManagedChannel channel, int seconds) {
    return SnapshotServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(seconds, TimeUnit.SECONDS)
        .getSnapshot(
            GetSnapshotRequest.newBuilder()
                .setRegionId(REGION)
                .setSnapshotId(snapshotId(1))
                .build());
  }
}
