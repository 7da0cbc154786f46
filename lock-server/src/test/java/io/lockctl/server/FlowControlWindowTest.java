package io.lockctl.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.grpc.Status;
import io.lockctl.server.testing.RawGrpcStream;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server gives each stream the HTTP/2 window of {@code --flow-control-window} (64 KiB unless
 * set), and keeps it fixed: a client that sends fast does not get a larger one, as grpc-java's
 * bandwidth-delay auto-tuning would give it. A request larger than the window still arrives whole.
 */
class FlowControlWindowTest {
  private static final String METHOD = "lockctl.v1.SnapshotService/RegisterSnapshot";

  /** The payload of grpc-java's bandwidth-delay measurement PING. */
  private static final long BDP_PING = 1234;

  @TempDir Path dataDir;

  @Test
  void theDefaultWindowIs64KiBAndStaysSoUnderALargeRequest() throws Exception {
    assertWindowHolds(List.of(), 64 << 10);
  }

  @Test
  void theFlagSetsTheWindow() throws Exception {
    assertWindowHolds(List.of("--flow-control-window", "128KiB"), 128 << 10);
  }

  private void assertWindowHolds(List<String> flags, int window) throws Exception {
    List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dataDir.toString()));
    args.addAll(flags);
    ServerConfig config =
        assertInstanceOf(
                ServerConfigParser.Invocation.Run.class, ServerConfigParser.parse(args, Map.of()))
            .config();
    LockctlServer server = DaggerServerComponent.factory().create(config).server();
    int port = server.start();
    try (RawGrpcStream stream = RawGrpcStream.open(port, METHOD, Map.of())) {
      assertEquals(List.of(window), stream.serverWindowSettings());
      assertEquals(window, stream.grantedStreamWindow());

      // 6 windows' worth, sent as fast as the window lets it: the server gives the window back
      // as it reads, so the request arrives whole (zeros are no request message)
      int size = 6 * window;
      stream.send(RawGrpcStream.frameHeader(0, size), false);
      stream.send(Unpooled.wrappedBuffer(new byte[size]), true);
      assertEquals(Status.Code.INVALID_ARGUMENT, stream.answer(10).code());

      // the answer came after every frame the server sent while reading: no SETTINGS raised the
      // window, and no bandwidth-delay PING measured the client for it
      assertEquals(List.of(window), stream.serverWindowSettings());
      assertEquals(window, stream.grantedStreamWindow());
      assertEquals(List.of(), stream.serverPings().stream().filter(p -> p == BDP_PING).toList());
    } finally {
      server.stop(Duration.ofSeconds(5));
    }
  }
}
