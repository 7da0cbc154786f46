package io.lockctl.server;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.compliance;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.lockctl.client.LockctlClient;
import io.lockctl.client.LockctlException;
import io.lockctl.server.testing.TestStores;
import io.lockctl.v1.ErrorReason;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.Snapshot;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client's futures, per-call deadlines and typed reasons over real ports: to the
 * production server, and to a port that accepts connections and never answers.
 */
class AsyncClientAndDeadlinesTest {
  @TempDir Path dataDir;

  private final List<AutoCloseable> opened = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void futuresCompleteWithTheResponsesAndChainAsTheCallsWould() throws Exception {
    LockctlClient client = client(startServer(), Duration.ofSeconds(10));

    CompletableFuture<LockSnapshotResponse> locked =
        client
            .async()
            .registerSnapshot(register(snapshotId(1)).build())
            .thenCompose(
                registered ->
                    client
                        .async()
                        .lockSnapshot(
                            compliance(registered.getSnapshot().getSnapshotId(), 30, 0).build()));

    assertEquals(
        snapshotId(1), locked.get(10, TimeUnit.SECONDS).getLockedSnapshotInfo().getSnapshotId());
    Snapshot stored = client.getSnapshot(get(snapshotId(1))).getSnapshot();
    assertEquals(LockStatus.LOCK_STATUS_COMPLIANCE, stored.getLock().getLockStatus());
  }

  @Test
  void aRefusedFutureFailsWithTheReasonAsTheGeneratedEnum() throws Exception {
    LockctlClient client = client(startServer(), Duration.ofSeconds(10));

    ExecutionException failed =
        assertThrows(
            ExecutionException.class,
            () -> client.async().getSnapshot(get(snapshotId(7))).get(10, TimeUnit.SECONDS));

    LockctlException refusal = assertInstanceOf(LockctlException.class, failed.getCause());
    assertEquals(Status.Code.NOT_FOUND, refusal.code());
    assertEquals(ErrorReason.ERROR_REASON_SNAPSHOT_NOT_FOUND, refusal.errorReason());
    LockctlException blocking =
        assertThrows(LockctlException.class, () -> client.getSnapshot(get(snapshotId(7))));
    assertEquals(ErrorReason.ERROR_REASON_SNAPSHOT_NOT_FOUND, blocking.errorReason());
  }

  @Test
  void aPerCallDeadlineBoundsThatCallOnly() throws Exception {
    int silent = silentPort();
    LockctlClient client = client(silent, Duration.ofMinutes(5));

    long start = System.nanoTime();
    LockctlException blocking =
        assertThrows(
            LockctlException.class,
            () -> client.withDeadline(Duration.ofMillis(300)).getSnapshot(get(snapshotId(1))));
    ExecutionException async =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .async()
                    .withDeadline(Duration.ofMillis(300))
                    .getSnapshot(get(snapshotId(1)))
                    .get(30, TimeUnit.SECONDS));
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals(Status.Code.DEADLINE_EXCEEDED, blocking.code());
    assertEquals(ErrorReason.ERROR_REASON_UNSPECIFIED, blocking.errorReason());
    assertEquals(
        Status.Code.DEADLINE_EXCEEDED,
        assertInstanceOf(LockctlException.class, async.getCause()).code());
    assertTrue(elapsedMillis < 20_000, () -> "took " + elapsedMillis + " ms");
    // the client's own deadline (five minutes) still holds for its other calls
    CompletableFuture<?> pending = client.async().getSnapshot(get(snapshotId(1)));
    assertThrows(
        java.util.concurrent.TimeoutException.class, () -> pending.get(1, TimeUnit.SECONDS));
    pending.cancel(true);
  }

  @Test
  void aCancelledFutureCancelsItsCall() throws Exception {
    LockctlClient client = client(silentPort(), Duration.ofMinutes(5));
    CompletableFuture<?> pending = client.async().getSnapshot(get(snapshotId(1)));

    assertTrue(pending.cancel(true));

    assertTrue(pending.isCancelled());
  }

  @Test
  void perCallDeadlinesMustBePositive() throws Exception {
    LockctlClient client = client(startServer(), Duration.ofSeconds(10));

    assertThrows(IllegalArgumentException.class, () -> client.withDeadline(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> client.async().withDeadline(Duration.ofSeconds(-1)));
  }

  private int startServer() throws Exception {
    LockctlServer server =
        DaggerServerComponent.factory()
            .create(TestStores.productionConfig("127.0.0.1", dataDir, Duration.ofSeconds(5)))
            .server();
    opened.add(() -> server.stop(Duration.ofSeconds(5)));
    return server.start();
  }

  /** A port that accepts TCP connections and never says a word: calls to it wait. */
  private int silentPort() throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    List<Socket> accepted = new ArrayList<>();
    Thread acceptor =
        new Thread(
            () -> {
              try {
                while (true) {
                  Socket connection = socket.accept();
                  synchronized (accepted) {
                    accepted.add(connection);
                  }
                  InputStream discard = connection.getInputStream();
                  Thread reader = new Thread(() -> drain(discard), "silent-port-reader");
                  reader.setDaemon(true);
                  reader.start();
                }
              } catch (IOException closed) {
                // the test is over
              }
            },
            "silent-port");
    acceptor.setDaemon(true);
    acceptor.start();
    opened.add(
        () -> {
          socket.close();
          synchronized (accepted) {
            for (Socket connection : accepted) {
              connection.close();
            }
          }
        });
    return socket.getLocalPort();
  }

  private static void drain(InputStream in) {
    try {
      while (in.read() >= 0) {
        // read and drop what the client sends, so its writes never block
      }
    } catch (IOException closed) {
      // the socket was closed
    }
  }

  private LockctlClient client(int port, Duration deadline) {
    LockctlClient client =
        LockctlClient.builder().target("127.0.0.1:" + port).defaultDeadline(deadline).build();
    opened.add(client);
    return client;
  }

  private static GetSnapshotRequest get(String id) {
    return GetSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(id).build();
  }
}
