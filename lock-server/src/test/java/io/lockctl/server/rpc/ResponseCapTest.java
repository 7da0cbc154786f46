package io.lockctl.server.rpc;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        RegisterSnapshotRequest.Builder request = register(snapshotId(n));
        for (int tag = 0; tag < 50; tag++) {
          request.putTags(String.format("%03d", tag) + "k".repeat(125), "v".repeat(256));
        }
        registered.add(
            SnapshotServiceGrpc.newFutureStub(channel).registerSnapshot(request.build()));
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
        assertTrue(page.getSerializedSize() <= ResponseCap.MAX_RESPONSE_BYTES);
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
  void pageSizeOrTheLimitWhicheverComesFirst() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 1);
    Pages pages = new Pages(key);
    Function<String, StringValue> toProto = StringValue::of;
    List<String> fetched = List.of("a".repeat(4000), "b".repeat(4000), "c".repeat(4000), "d");
    Page<String> page = pages.of("q", fetched, 3, item -> item.substring(0, 1));

    ResponseCap.Capped<StringValue> roomy = ResponseCap.fit(page, toProto, 1 << 20);
    ResponseCap.Capped<StringValue> tight = ResponseCap.fit(page, toProto, (8 << 10) + 9000);
    ResponseCap.Capped<StringValue> tiny = ResponseCap.fit(page, toProto, 1);

    assertEquals(3, roomy.items().size());
    assertEquals(page.nextPageToken(), roomy.nextPageToken());
    assertEquals(2, tight.items().size());
    assertEquals("b", pages.after("q", tight.nextPageToken()));
    assertEquals(1, tiny.items().size(), "a page holds at least one item");
    assertFalse(tiny.nextPageToken().isEmpty());
  }
}
