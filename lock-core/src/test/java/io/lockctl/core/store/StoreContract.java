package io.lockctl.core.store;

import static io.lockctl.core.store.StoreFixture.REGION;
import static io.lockctl.core.store.StoreFixture.START;
import static io.lockctl.core.store.StoreFixture.id;
import static io.lockctl.core.store.StoreFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.snapshot.Snapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Store} promises, whatever holds the data: a write keeps all of its changes or,
 * if its work throws or it is a dry run, none; writes are serializable; each takes its time when it
 * starts; a closed store refuses work. A subclass per store runs it. How the stores over SQL batch
 * writes, and what they keep across a restart, is {@code JdbcStoreContract}'s.
 */
public abstract class StoreContract {
  private final StoreFixture fixture = newFixture();

  /** A store of the kind under test on fresh data. */
  protected abstract StoreFixture newFixture();

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  @Test
  void failingWorkRollsBackOnlyItsOwnChanges() throws Exception {
    Store store = fixture.store();
    CompletableFuture<String> first =
        store.write(
            tx -> {
              tx.snapshots().insert(snapshot(id(1)));
              return "first";
            });
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<String> failing =
        store.write(
            tx -> {
              tx.snapshots().insert(snapshot(id(2)));
              throw boom;
            });
    CompletableFuture<String> last =
        store.write(
            tx -> {
              tx.snapshots().insert(snapshot(id(3)));
              return "last";
            });

    assertEquals("first", first.get());
    assertEquals("last", last.get());
    ExecutionException failure = assertThrows(ExecutionException.class, failing::get);
    assertSame(boom, failure.getCause());
    assertTrue(exists(id(1)));
    assertFalse(exists(id(2)));
    assertTrue(exists(id(3)));
  }

  @Test
  void dryRunReturnsTheResultAndPersistsNothing() throws Exception {
    Store store = fixture.store();
    CompletableFuture<Boolean> dryRun =
        store.dryRun(
            tx -> {
              tx.snapshots().insert(snapshot(id(1)));
              return tx.snapshots().find(REGION, id(1)).isPresent();
            });
    CompletableFuture<Boolean> later =
        store.write(tx -> tx.snapshots().find(REGION, id(1)).isPresent());

    assertTrue(dryRun.get());
    assertFalse(later.get());
    assertFalse(exists(id(1)));
  }

  @Test
  void concurrentReadModifyWritesLoseNoUpdate() throws Exception {
    Store store = fixture.store();
    store
        .write(
            tx -> {
              tx.snapshots().insert(snapshot(id(1)).withRetentionDays(0));
              return null;
            })
        .get();
    int threads = 8;
    int increments = 200;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < increments; i++) {
                    store
                        .write(
                            tx -> {
                              Snapshot current = tx.snapshots().find(REGION, id(1)).orElseThrow();
                              tx.snapshots()
                                  .update(current.withRetentionDays(current.retentionDays() + 1));
                              return null;
                            })
                        .join();
                  }
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      pool.shutdown();
    }
    int retentionDays =
        store.read(tx -> tx.snapshots().find(REGION, id(1)).orElseThrow()).retentionDays();
    assertEquals(threads * increments, retentionDays);
  }

  @Test
  void eachWriteTakesItsOwnTimeWhenItStarts() throws Exception {
    Store store = fixture.store();
    CompletableFuture<Instant> first =
        store.write(
            tx -> {
              fixture.system().advance(Duration.ofHours(1));
              return tx.now();
            });
    CompletableFuture<Instant> second = store.write(tx -> tx.now());

    assertEquals(START, first.get());
    assertEquals(START.plus(Duration.ofHours(1)), second.get());
    assertEquals(START.plus(Duration.ofHours(1)), store.read(tx -> tx.now()));
  }

  @Test
  void closeFinishesAcceptedWritesThenRefusesNewOnes() throws Exception {
    Store store = fixture.store();
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Snapshot snapshot = snapshot(id(i));
      writes.add(
          store.write(
              tx -> {
                tx.snapshots().insert(snapshot);
                return null;
              }));
    }
    store.close();
    store.close(); // idempotent

    for (CompletableFuture<Void> write : writes) {
      write.get(10, TimeUnit.SECONDS);
    }
    ExecutionException refused =
        assertThrows(
            ExecutionException.class, () -> store.write(tx -> null).get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, refused.getCause());
    ExecutionException refusedDryRun =
        assertThrows(
            ExecutionException.class, () -> store.dryRun(tx -> null).get(10, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, refusedDryRun.getCause());
    assertThrows(IllegalStateException.class, () -> store.read(tx -> null));
  }

  private boolean exists(String id) {
    return fixture.store().read(tx -> tx.snapshots().find(REGION, id)).isPresent();
  }
}
