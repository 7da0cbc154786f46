package io.lockctl.core.store.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotQuery;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.store.StoreHealth;
import io.lockctl.core.store.StoreMaintenance;
import io.lockctl.core.store.StoreReads;
import io.lockctl.core.store.StoreWrites;
import io.lockctl.core.store.sqlite.SqliteStore;
import io.lockctl.core.testing.CapturedLog;
import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read model against the SQL it copies, on a real SQLite store: seeded random histories of
 * registers, locks in every mode, unlocks, updates, deletes to the recycle bin and for good,
 * restores, reclaims, works that fail or are dry runs, whole batches that fail, and a clock that
 * moves so locks expire and the recycle bin empties. After every step each read is done twice, from
 * the model and from SQL, and must agree; inside write work, the model with the batch's overlay
 * must agree with SQL on the writer's connection. A failure names its seed; {@code
 * -Dlockctl.readModelSeed=N} replays it.
 */
class ReadModelSimulationTest {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final List<String> REGIONS = List.of("eu-west-1", "us-east-1");
  private static final int IDS = 40;
  private static final int STEPS = 150;

  private final List<Path> dirs = new ArrayList<>();

  @AfterEach
  void dropDirectories() throws IOException {
    for (Path dir : dirs) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
  }

  @Test
  void everyReadFromTheModelMatchesSqlThroughRandomHistories() throws Exception {
    String fixed = System.getProperty("lockctl.readModelSeed");
    long first = fixed != null ? Long.parseLong(fixed) : new Random().nextLong();
    int runs = fixed != null ? 1 : 2;
    for (int run = 0; run < runs; run++) {
      long seed = first + run;
      try {
        simulate(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            "read model diverged from SQL; replay with -Dlockctl.readModelSeed=" + seed, e);
      }
    }
  }

  @Test
  void writesDuringTheLoadAreInTheModelOnceItIsReady() throws Exception {
    long seed = new Random().nextLong();
    try {
      warmUpWhileWriting(seed);
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError("warm-up diverged; seed " + seed, e);
    }
  }

  private void simulate(long seed) throws Exception {
    Random random = new Random(seed);
    SettableClock system = new SettableClock(START);
    Path dir = newDirectory();
    try (CapturedLog writerLog = CapturedLog.of(GroupCommitWriter.class);
        CapturedLog healthLog = CapturedLog.of(StoreHealth.class);
        SqliteStore store =
            SqliteStore.open(dir, new ComplianceClock(system), false, ReadModelOptions.ON)) {
      awaitReady(store);
      World world = new World(random, system);
      int failedBatches = 0;
      for (int step = 0; step < STEPS; step++) {
        failedBatches += world.step(store) ? 1 : 0;
        world.compareReads(store);
      }
      assertTrue(store.readModelReady(), "the model stayed on: reads above came from memory");
      assertEquals(List.of(), world.overlayMismatches, "find inside write work");
      assertEquals(
          failedBatches > 0,
          !writerLog.messages(java.util.logging.Level.SEVERE).isEmpty(),
          "the injected batch failures, and only they, failed batches");
    }
  }

  private void warmUpWhileWriting(long seed) throws Exception {
    Random random = new Random(seed);
    SettableClock system = new SettableClock(START);
    Path dir = newDirectory();
    World world = new World(random, system);
    try (SqliteStore store =
        SqliteStore.open(dir, new ComplianceClock(system), false, ReadModelOptions.OFF)) {
      for (int step = 0; step < 150; step++) {
        world.step(store, false);
      }
    }
    CountDownLatch rowsLoaded = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ReadModelOptions held =
        new ReadModelOptions(
            true,
            () -> {
              rowsLoaded.countDown();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    try (SqliteStore store = SqliteStore.open(dir, new ComplianceClock(system), false, held)) {
      // Writes before the load reads its rows, between its rows and its replay, and after.
      for (int step = 0; step < 20; step++) {
        world.step(store, false);
      }
      assertTrue(rowsLoaded.await(30, TimeUnit.SECONDS));
      assertTrue(!store.readModelReady(), "not ready while the replay is held");
      world.compareReads(store); // both on SQL while loading
      for (int step = 0; step < 100; step++) {
        world.step(store, false);
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      CompletableFuture<Void> more =
          CompletableFuture.runAsync(
              () -> {
                World concurrent = new World(new Random(seed + 1), system);
                while (writing.get()) {
                  concurrent.step(store, false);
                }
              });
      release.countDown();
      awaitReady(store);
      writing.set(false);
      more.get(30, TimeUnit.SECONDS);
      world.compareReads(store);
      for (int step = 0; step < 50; step++) {
        world.step(store, false);
        world.compareReads(store);
      }
      assertTrue(store.readModelReady());
      assertEquals(List.of(), world.overlayMismatches);
    }
  }

  private Path newDirectory() throws IOException {
    Path shm = Path.of("/dev/shm");
    Path dir =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "lockctl-read-model")
            : Files.createTempDirectory("lockctl-read-model");
    dirs.add(dir);
    return dir;
  }

  private static void awaitReady(JdbcStore store) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!store.readModelReady()) {
      assertTrue(System.nanoTime() < deadline, "the read model did not load in 30 s");
      Thread.sleep(5);
    }
  }

  /** The random universe: a few ids in two regions, a clock, and what went wrong inside writes. */
  private static final class World {
    private final Random random;
    private final SettableClock system;
    final List<String> overlayMismatches = new ArrayList<>();

    World(Random random, SettableClock system) {
      this.random = random;
      this.system = system;
    }

    String region() {
      return REGIONS.get(random.nextInt(REGIONS.size()));
    }

    String id() {
      return String.format("s-%020d", random.nextInt(IDS));
    }

    /** One step of writes (several submitted at once, so they share batches); true if injected. */
    boolean step(JdbcStore store) {
      return step(store, true);
    }

    boolean step(JdbcStore store, boolean mayFailBatches) {
      if (random.nextInt(8) == 0) {
        system.advance(Duration.ofHours(random.nextInt(24 * 10)));
      }
      int works = 1 + random.nextInt(6);
      boolean injected = mayFailBatches && random.nextInt(12) == 0;
      int failAt = injected ? random.nextInt(works) : -1;
      List<CompletableFuture<?>> futures = new ArrayList<>();
      for (int i = 0; i < works; i++) {
        Function<StoreWrites, Object> work = randomWork(i == failAt);
        futures.add(random.nextInt(10) == 0 ? store.dryRun(work) : store.write(work));
      }
      boolean batchFailed = false;
      for (CompletableFuture<?> future : futures) {
        try {
          future.join();
        } catch (RuntimeException e) {
          if (e.getCause() instanceof StorageException storage
              && storage.fault() == StorageFault.UNAVAILABLE) {
            batchFailed = true;
          }
        }
      }
      if (injected && !batchFailed) {
        throw new AssertionError("the injected batch failure failed no batch");
      }
      return injected;
    }

    private Function<StoreWrites, Object> randomWork(boolean failBatch) {
      String region = region();
      String id = id();
      int kind = random.nextInt(10);
      long r1 = random.nextLong();
      boolean failWork = random.nextInt(15) == 0;
      String probe = id();
      return tx -> {
        Random in = new Random(r1);
        checkOverlay(tx, region, probe);
        Optional<Snapshot> found = tx.snapshots().find(region, id);
        switch (kind) {
          case 0, 1 -> register(tx, region, id, found, in);
          case 2, 3, 4 -> found.ifPresent(s -> lock(tx, s, in));
          case 5 -> found.ifPresent(s -> tx.snapshots().update(s.withLock(null)));
          case 6 -> found.ifPresent(s -> update(tx, s, in));
          case 7 -> found.ifPresent(s -> delete(tx, s, in));
          case 8 ->
              found
                  .filter(s -> s.state() == SnapshotState.IN_RECYCLE_BIN && !s.isGoneAt(tx.now()))
                  .ifPresent(s -> tx.snapshots().update(s.restored()));
          default -> StoreMaintenance.reclaimRecycleBin(tx);
        }
        checkOverlay(tx, region, id);
        checkOverlay(tx, region, probe);
        if (failBatch) {
          throw new StorageException(
              StorageFault.UNAVAILABLE, "injected: the disk went away", null);
        }
        if (failWork) {
          throw new IllegalStateException("injected: this work fails after writing");
        }
        return null;
      };
    }

    private void checkOverlay(StoreWrites tx, String region, String id) {
      Optional<Snapshot> model = tx.snapshots().find(region, id);
      Optional<Snapshot> sql = ((JdbcTransaction) tx).sqlSnapshots().find(region, id);
      if (!model.equals(sql)) {
        synchronized (overlayMismatches) {
          overlayMismatches.add(region + "/" + id + ": model " + model + " sql " + sql);
        }
      }
    }

    private static void register(
        StoreWrites tx, String region, String id, Optional<Snapshot> found, Random in) {
      if (found.isPresent() && !found.get().isGoneAt(tx.now())) {
        return;
      }
      found.ifPresent(gone -> tx.snapshots().delete(region, id));
      Map<String, String> tags = new HashMap<>();
      for (int i = in.nextInt(3); i > 0; i--) {
        tags.put("k" + in.nextInt(3), "v" + in.nextInt(2));
      }
      tx.snapshots()
          .insert(
              new Snapshot(
                  region,
                  id,
                  SnapshotStatus.values()[in.nextInt(3)],
                  in.nextInt(3) * 7,
                  in.nextBoolean(),
                  in.nextBoolean() ? "" : "tool-" + in.nextInt(2),
                  tags,
                  tx.now().plusNanos(in.nextInt(1_000_000)), // cut to millis by the database
                  SnapshotState.ACTIVE,
                  null,
                  null,
                  in.nextInt(4) == 0 ? "rel-" + in.nextInt(2) : "",
                  in.nextInt(4) == 0 ? tx.now().plus(Duration.ofDays(in.nextInt(30))) : null));
    }

    private static void lock(StoreWrites tx, Snapshot snapshot, Random in) {
      LockMode mode = LockMode.values()[in.nextInt(LockMode.values().length)];
      LockTerm term =
          in.nextBoolean()
              ? new LockTerm.Days(1 + in.nextInt(20))
              : new LockTerm.Until(tx.now().plus(Duration.ofHours(1 + in.nextInt(24 * 20))));
      Instant start =
          term instanceof LockTerm.Days && snapshot.status() == SnapshotStatus.PROGRESSING
              ? null
              : tx.now();
      long version = snapshot.currentLock().map(SnapshotLock::version).orElse(0L) + 1;
      tx.snapshots()
          .update(
              snapshot.withLock(
                  new SnapshotLock(
                      mode,
                      tx.now(),
                      mode == LockMode.COMPLIANCE ? in.nextInt(73) : 0,
                      term,
                      start,
                      mode == LockMode.KEY ? "lk-" + in.nextInt(3) : null,
                      version)));
    }

    private static void update(StoreWrites tx, Snapshot snapshot, Random in) {
      Snapshot updated =
          switch (in.nextInt(4)) {
            case 0 -> {
              Snapshot accomplished = snapshot.withStatus(SnapshotStatus.ACCOMPLISHED);
              yield accomplished
                  .currentLock()
                  .filter(l -> l.durationStartTime() == null)
                  .map(l -> accomplished.withLock(l.startedAt(tx.now())))
                  .orElse(accomplished);
            }
            case 1 -> snapshot.withRetentionDays(in.nextInt(100));
            case 2 -> snapshot.withShared(!snapshot.shared());
            default ->
                snapshot.withTags(in.nextBoolean() ? Map.of() : Map.of("k0", "v" + in.nextInt(2)));
          };
      tx.snapshots().update(updated);
    }

    private static void delete(StoreWrites tx, Snapshot snapshot, Random in) {
      if (snapshot.state() == SnapshotState.IN_RECYCLE_BIN) {
        return;
      }
      if (in.nextBoolean()) {
        tx.snapshots().delete(snapshot.regionId(), snapshot.snapshotId());
      } else {
        tx.snapshots()
            .update(snapshot.inRecycleBinUntil(tx.now().plus(Duration.ofHours(in.nextInt(72)))));
      }
    }

    /** Each read from the model and from SQL, at the same instant; they must agree. */
    void compareReads(JdbcStore store) {
      Instant now = system.instant();
      for (int i = 0; i < 20; i++) {
        String region = region();
        String id = id();
        same(store, "find " + region + "/" + id, tx -> tx.snapshots().find(region, id));
      }
      same(store, "countLocks", tx -> tx.snapshots().countLocks(now));
      for (int i = 0; i < 20; i++) {
        SnapshotQuery query = randomQuery(now);
        same(store, "list " + query, tx -> tx.snapshots().list(query));
        if (query.lock() != SnapshotQuery.LockFilter.ANY) {
          same(store, "listLocks " + query, tx -> tx.snapshots().listLocks(query));
        }
      }
    }

    private SnapshotQuery randomQuery(Instant now) {
      SnapshotState[] states = {null, SnapshotState.ACTIVE, SnapshotState.IN_RECYCLE_BIN};
      SnapshotQuery.LockFilter lock =
          SnapshotQuery.LockFilter.values()[
              random.nextInt(SnapshotQuery.LockFilter.values().length)];
      LockStatus status =
          random.nextInt(3) == 0
              ? LockStatus.values()[random.nextInt(LockStatus.values().length)]
              : null;
      Set<String> ids = new HashSet<>();
      if (random.nextInt(3) == 0) {
        for (int i = random.nextInt(6); i >= 0; i--) {
          ids.add(id());
        }
      }
      String tagKey = random.nextInt(6) == 0 ? "k" + random.nextInt(3) : null;
      return new SnapshotQuery(
          region(),
          states[random.nextInt(states.length)],
          lock,
          status,
          ids,
          tagKey,
          tagKey != null && random.nextBoolean() ? "v" + random.nextInt(2) : null,
          random.nextInt(3) == 0 ? id() : null,
          1 + random.nextInt(IDS / 2),
          now.minus(Duration.ofHours(random.nextInt(48))));
    }

    private static void same(JdbcStore store, String what, Function<StoreReads, Object> read) {
      Object fromSql = store.readFromSql(read);
      Object fromModel = store.read(read);
      assertEquals(fromSql, fromModel, what);
    }
  }
}
