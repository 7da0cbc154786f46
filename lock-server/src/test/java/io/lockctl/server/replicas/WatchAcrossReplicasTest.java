package io.lockctl.server.replicas;

import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.server.testing.TestPostgres;
import io.lockctl.server.testing.WatchConsumer;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.WatchLockEventsRequest;
import io.lockctl.v1.WatchLockEventsResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes sharing one PostgreSQL schema, over real ports: a watcher on either replica
 * sees every record, whichever replica wrote it, in one order without gaps.
 */
class WatchAcrossReplicasTest {
  @TempDir Path dir;

  private final List<Replica> replicas = new ArrayList<>();

  @AfterEach
  void stopReplicas() throws InterruptedException {
    for (Replica replica : replicas) {
      replica.close();
    }
  }

  @Test
  void eachReplicaDeliversTheOthersWrites() throws Exception {
    String url = TestPostgres.newSchemaUrl();
    // One after the other: the first creates the schema, which Flyway does outside its lock.
    Replica a = Replica.start("a", dir, List.of("--postgres-url", url));
    replicas.add(a);
    Replica b = Replica.start("b", dir, List.of("--postgres-url", url));
    replicas.add(b);
    WatchLockEventsRequest fromTheStart =
        WatchLockEventsRequest.newBuilder().setHasStartIndex(true).build();

    try (WatchConsumer onA = WatchConsumer.fast(a.channel, fromTheStart);
        WatchConsumer onB = WatchConsumer.fast(b.channel, fromTheStart)) {
      for (int n = 0; n < 6; n++) {
        Replica writer = n % 2 == 0 ? a : b;
        SnapshotServiceGrpc.newBlockingStub(writer.channel)
            .registerSnapshot(register(snapshotId(n)).build());
      }
      List<String> expected = new ArrayList<>();
      for (int n = 0; n < 6; n++) {
        expected.add(n + " " + snapshotId(n));
      }
      assertEquals(expected, describe(onA.take(6)), "on replica a");
      assertEquals(expected, describe(onB.take(6)), "on replica b");
    }
  }

  private static List<String> describe(List<WatchLockEventsResponse> events) {
    return events.stream()
        .map(e -> e.getRecord().getIndex() + " " + e.getSnapshot().getSnapshotId())
        .toList();
  }
}
