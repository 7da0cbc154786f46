package io.lockctl.server.metrics;

import static io.lockctl.server.testing.Requests.compliance;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.lockctl.server.DaggerServerComponent;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.WatchLockEventsRequest;
import io.lockctl.v1.WatchLockEventsResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /metrics over real HTTP from the production component, after real gRPC calls. */
class MetricsEndpointTest {
  @TempDir Path dataDir;

  private LockctlServer server;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (server != null) {
      server.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void offUnlessAPortIsConfigured() throws Exception {
    server =
        DaggerServerComponent.factory()
            .create(new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5)))
            .server();
    server.start();
    assertEquals(-1, server.metricsPort());
  }

  @Test
  void servesGrpcAndLockctlSeriesWithTheValuesTheCallsLeft() throws Exception {
    server =
        DaggerServerComponent.factory()
            .create(
                new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5))
                    .withMetrics(new ServerConfig.MetricsAddress("127.0.0.1", 0)))
            .server();
    int port = server.start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    Iterator<WatchLockEventsResponse> watch =
        AuditServiceGrpc.newBlockingStub(channel)
            .watchLockEvents(WatchLockEventsRequest.newBuilder().setHasStartIndex(true).build());

    var snapshots = SnapshotServiceGrpc.newBlockingStub(channel);
    var locks = SnapshotLockServiceGrpc.newBlockingStub(channel);
    snapshots.registerSnapshot(register(snapshotId(1)).build());
    snapshots.registerSnapshot(register(snapshotId(2)).build());
    locks.lockSnapshot(compliance(snapshotId(1), 30, 24).build());
    locks.lockSnapshot(governance(snapshotId(2), 7).build());
    assertThrows(
        StatusRuntimeException.class,
        () -> locks.lockSnapshot(governance(snapshotId(3), 7).build())); // NOT_FOUND
    for (int i = 0; i < 4; i++) {
      watch.next(); // the feed has read every record
    }

    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.metricsPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    assertTrue(
        response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        response.headers().toString());
    Scrape scrape = Scrape.parse(response.body());

    String calls = "grpc_server_processing_duration_seconds_count";
    assertEquals(
        2,
        scrape.require(
            calls,
            Map.of(
                "service", "lockctl.v1.SnapshotService",
                "method", "RegisterSnapshot",
                "statusCode", "OK")));
    assertEquals(
        1,
        scrape.require(
            calls,
            Map.of(
                "service", "lockctl.v1.SnapshotLockService",
                "method", "LockSnapshot",
                "statusCode", "NOT_FOUND")));
    assertEquals(
        1, scrape.require("lockctl_locks", Map.of("kind", "snapshot", "status", "governance")));
    assertEquals(
        1,
        scrape.require(
            "lockctl_locks", Map.of("kind", "snapshot", "status", "compliance_cooloff")));
    assertEquals(0, scrape.require("lockctl_locks", Map.of("status", "expired")));
    assertEquals(4, scrape.require("lockctl_audit_tree_size", Map.of()));
    assertEquals(1, scrape.require("lockctl_watch_consumers", Map.of()));
    assertEquals(0, scrape.require("lockctl_compliance_clock_lag_seconds", Map.of()));
    // each of the 4 writes, plus the refused lock's dry work, went through a committed batch
    double batches = scrape.require("lockctl_store_write_batch_size_count", Map.of());
    double written = scrape.require("lockctl_store_write_batch_size_sum", Map.of());
    assertTrue(batches >= 1 && written >= 5, "batches " + batches + ", writes " + written);
    double commits = scrape.require("lockctl_store_commit_seconds_count", Map.of());
    assertEquals(batches, commits);
    assertEquals(commits, scrape.require("lockctl_store_fsync_seconds_count", Map.of()));
    assertEquals(
        commits, scrape.require("lockctl_store_commit_seconds_bucket", Map.of("le", "+Inf")));
    assertTrue(
        scrape.require("lockctl_store_fsync_seconds_sum", Map.of())
            <= scrape.require("lockctl_store_commit_seconds_sum", Map.of()));
  }
}
