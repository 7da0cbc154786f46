package io.lockctl.server.rpc;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.StringValue;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.Pages;
import io.lockctl.server.DaggerServerComponent;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.ServerConfigParser;
import io.lockctl.server.ServerLimits;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.ListSnapshotsResponse;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.Snapshot;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResponseCapTest {
  @TempDir Path dataDir;

  @Test
  void aListStopsBeforeFourMebibytesAndGoesOnFromThere() throws Exception {
    LockctlServer server =
        DaggerServerComponent.factory()
            .create(new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5)))
            .server();
    // a default client: it refuses a message over 4 MiB
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.start()).usePlaintext().build();
    try {
      int count = 300; // about 19 KB each, 5.7 MB in all
      List<ListenableFuture<RegisterSnapshotResponse>> registered = new ArrayList<>();
      for (int n = 1; n <= count; n++) {
        registered.add(
            SnapshotServiceGrpc.newFutureStub(channel).registerSnapshot(largeSnapshot(n)));
      }
      Futures.allAsList(registered).get(60, TimeUnit.SECONDS);

      List<String> listed = new ArrayList<>();
      List<Integer> pageSizes = new ArrayList<>();
      String token = "";
      do {
        ListSnapshotsResponse page =
            SnapshotServiceGrpc.newBlockingStub(channel)
                .listSnapshots(
                    ListSnapshotsRequest.newBuilder()
                        .setRegionId(REGION)
                        .setPageSize(1000)
                        .setPageToken(token)
                        .build());
        assertTrue(page.getSerializedSize() <= ServerLimits.DEFAULTS.maxResponseBytes());
        page.getSnapshotsList().stream().map(Snapshot::getSnapshotId).forEach(listed::add);
        pageSizes.add(page.getSnapshotsCount());
        token = page.getNextPageToken();
      } while (!token.isEmpty());

      assertTrue(pageSizes.size() >= 2, () -> "pages " + pageSizes);
      assertEquals(
          java.util.stream.IntStream.rangeClosed(1, count)
              .mapToObj(n -> snapshotId(n))
              .sorted()
              .toList(),
          listed);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void theFlagSetsTheLimit() throws Exception {
    ServerConfigParser.Invocation parsed =
        ServerConfigParser.parse(
            List.of(
                "--port", "0", "--data-dir", dataDir.toString(), "--max-response-bytes", "64KiB"),
            Map.of());
    LockctlServer server =
        DaggerServerComponent.factory()
            .create(assertInstanceOf(ServerConfigParser.Invocation.Run.class, parsed).config())
            .server();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.start()).usePlaintext().build();
    try {
      SnapshotServiceGrpc.SnapshotServiceBlockingStub snapshots =
          SnapshotServiceGrpc.newBlockingStub(channel);
      int count = 12; // about 19 KB each, 230 KB in all
      for (int n = 1; n <= count; n++) {
        snapshots.registerSnapshot(largeSnapshot(n));
      }
      List<Integer> pageSizes = new ArrayList<>();
      String token = "";
      do {
        ListSnapshotsResponse page =
            snapshots.listSnapshots(
                ListSnapshotsRequest.newBuilder()
                    .setRegionId(REGION)
                    .setPageSize(1000)
                    .setPageToken(token)
                    .build());
        assertTrue(page.getSerializedSize() <= 64 << 10, () -> page.getSerializedSize() + " B");
        pageSizes.add(page.getSnapshotsCount());
        token = page.getNextPageToken();
      } while (!token.isEmpty());

      assertEquals(count, pageSizes.stream().mapToInt(Integer::intValue).sum());
      assertTrue(pageSizes.size() >= 4, () -> "pages " + pageSizes);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.stop(Duration.ofSeconds(5));
    }
  }

  /** Snapshot {@code n} with 50 tags of the longest key and value: about 19 KB. */
  private static RegisterSnapshotRequest largeSnapshot(int n) {
    RegisterSnapshotRequest.Builder request = register(snapshotId(n));
    for (int tag = 0; tag < 50; tag++) {
      request.putTags(String.format("%03d", tag) + "k".repeat(125), "v".repeat(256));
    }
    return request.build();
  }

  @Test
  void pageSizeOrTheLimitWhicheverComesFirst() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 1);
    Pages pages = new Pages(key);
    Function<String, StringValue> toProto = StringValue::of;
    List<String> fetched = List.of("a".repeat(4000), "b".repeat(4000), "c".repeat(4000), "d");
    Page<String> page = pages.of("q", fetched, 3, item -> item.substring(0, 1));

    ResponseCap.Capped<StringValue> roomy = new ResponseCap(1 << 20).fit(page, toProto);
    ResponseCap.Capped<StringValue> tight = new ResponseCap((8 << 10) + 9000).fit(page, toProto);
    ResponseCap.Capped<StringValue> tiny = new ResponseCap(1).fit(page, toProto);

    assertEquals(3, roomy.items().size());
    assertEquals(page.nextPageToken(), roomy.nextPageToken());
    assertEquals(2, tight.items().size());
    assertEquals("b", pages.after("q", tight.nextPageToken()));
    assertEquals(1, tiny.items().size(), "a page holds at least one item");
    assertFalse(tiny.nextPageToken().isEmpty());
  }
}
