package io.lockctl.core.store;

import static io.lockctl.core.store.StoreFixture.REGION;
import static io.lockctl.core.store.StoreFixture.START;
import static io.lockctl.core.store.StoreFixture.id;
import static io.lockctl.core.store.StoreFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotQuery;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The background reclaim, called directly: it deletes only the recycle bin's expired rows. A
 * subclass per database runs it.
 */
public abstract class RecycleBinReclaimContract {
  private static final Instant NOW = START.plus(Duration.ofDays(1));
  private final StoreFixture fixture = newFixture();

  /** A store on a fresh database of the kind under test. */
  protected abstract StoreFixture newFixture();

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  private static Snapshot binned(String region, String id, Instant until) {
    return new Snapshot(
        region,
        id,
        SnapshotStatus.ACCOMPLISHED,
        7,
        false,
        "",
        Map.of("env", "prod"),
        START,
        SnapshotState.IN_RECYCLE_BIN,
        until,
        null);
  }

  private List<String> listed(String region) {
    return fixture
        .store()
        .read(
            tx ->
                tx.snapshots()
                    .list(
                        new SnapshotQuery(
                            region,
                            null,
                            SnapshotQuery.LockFilter.ANY,
                            null,
                            Set.of(),
                            null,
                            null,
                            null,
                            1000,
                            tx.now())))
        .stream()
        .map(Snapshot::snapshotId)
        .toList();
  }

  private Optional<Snapshot> find(String region, String id) {
    return fixture.store().read(tx -> tx.snapshots().find(region, id));
  }

  @Test
  void onlyExpiredRowsOfTheRecycleBinAreDeletedWithTheirTags() {
    fixture
        .store()
        .write(
            tx -> {
              tx.snapshots().insert(snapshot(id(1), null, Map.of("env", "prod")));
              tx.snapshots().insert(binned(REGION, id(2), NOW.minusMillis(1)));
              tx.snapshots().insert(binned(REGION, id(3), NOW));
              tx.snapshots().insert(binned(REGION, id(4), NOW.plusMillis(1)));
              tx.snapshots().insert(binned("us-east-1", id(5), START));
              return null;
            })
        .join();
    fixture.system().set(NOW);
    List<String> before = listed(REGION);

    assertEquals(3, fixture.reclaimRecycleBin().join());

    assertEquals(List.of(id(1), id(4)), before);
    assertEquals(before, listed(REGION));
    assertEquals(Optional.empty(), find(REGION, id(2)));
    assertEquals(Optional.empty(), find(REGION, id(3)));
    assertEquals(Optional.empty(), find("us-east-1", id(5)));
    assertEquals(Optional.of(binned(REGION, id(4), NOW.plusMillis(1))), find(REGION, id(4)));
    assertEquals(Map.of("env", "prod"), find(REGION, id(1)).orElseThrow().tags());
    // Their tags went with them: a new snapshot under a reclaimed id starts without any.
    fixture
        .store()
        .write(
            tx -> {
              tx.snapshots().insert(snapshot(id(2)));
              return null;
            })
        .join();
    assertEquals(Map.of(), find(REGION, id(2)).orElseThrow().tags());
    assertEquals(0, fixture.reclaimRecycleBin().join());
  }
}
