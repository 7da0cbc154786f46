package io.lockctl.core.store;

import static io.lockctl.core.store.StoreFixture.REGION;
import static io.lockctl.core.store.StoreFixture.START;
import static io.lockctl.core.store.StoreFixture.id;
import static io.lockctl.core.store.StoreFixture.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotQuery;
import io.lockctl.core.snapshot.SnapshotQuery.LockFilter;
import io.lockctl.core.snapshot.SnapshotState;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.transaction.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The snapshot repository through a whole store; a subclass per store runs it. */
public abstract class SnapshotRepositoryContract {
  private static final Instant T0 = START;
  private final StoreFixture fixture = newFixture();

  /** A store on a fresh database of the kind under test. */
  protected abstract StoreFixture newFixture();

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  @Test
  void everyFieldRoundTrips() {
    List<Snapshot> snapshots =
        List.of(
            new Snapshot(
                REGION,
                id(1),
                SnapshotStatus.PROGRESSING,
                0,
                true,
                "backup-tool.v2",
                Map.of("env", "prod", "team", "", "k".repeat(128), "v".repeat(256)),
                T0.plusMillis(123),
                SnapshotState.ACTIVE,
                null,
                new SnapshotLock(
                    LockMode.COMPLIANCE,
                    T0.plusMillis(5),
                    72,
                    new LockTerm.Days(36500),
                    null,
                    null,
                    1)),
            new Snapshot(
                REGION,
                id(2),
                SnapshotStatus.ACCOMPLISHED,
                65536,
                false,
                "",
                Map.of(),
                T0,
                SnapshotState.IN_RECYCLE_BIN,
                T0.plus(Duration.ofDays(3)).plusMillis(7),
                new SnapshotLock(
                    LockMode.GOVERNANCE,
                    T0,
                    0,
                    new LockTerm.Days(3),
                    T0.plusMillis(999),
                    null,
                    42)),
            new Snapshot(
                REGION,
                id(3),
                SnapshotStatus.FAILED,
                1,
                false,
                "m",
                Map.of("a", "b"),
                T0,
                SnapshotState.ACTIVE,
                null,
                new SnapshotLock(
                    LockMode.KEY,
                    T0,
                    1,
                    new LockTerm.Until(T0.plus(Duration.ofDays(400)).plusMillis(1)),
                    null,
                    "key-7",
                    Long.MAX_VALUE)),
            snapshot(id(4)));
    write(tx -> snapshots.forEach(tx.snapshots()::insert));

    for (Snapshot expected : snapshots) {
      assertEquals(Optional.of(expected), find(expected.snapshotId()));
    }
    assertEquals(snapshots, list(query().build()));
  }

  @Test
  void updateReplacesFieldsLockAndTags() {
    Snapshot original =
        snapshot(
            id(1),
            lock(LockMode.GOVERNANCE, new LockTerm.Days(1)),
            Map.of("old", "1", "kept", "x"));
    write(tx -> tx.snapshots().insert(original));

    Snapshot changed =
        original
            .withStatus(SnapshotStatus.ACCOMPLISHED)
            .withShared(true)
            .withTags(Map.of("kept", "y", "new", "2"))
            .withLock(original.lock().startedAt(T0.plusSeconds(1)));
    write(tx -> tx.snapshots().update(changed));
    assertEquals(Optional.of(changed), find(id(1)));

    Snapshot unlocked = changed.withLock(null).withTags(Map.of());
    write(tx -> tx.snapshots().update(unlocked));
    assertEquals(Optional.of(unlocked), find(id(1)));
  }

  @Test
  void updatingAMissingSnapshotFails() {
    CompletionException failure =
        assertThrows(
            CompletionException.class, () -> write(tx -> tx.snapshots().update(snapshot(id(1)))));
    assertEquals(IllegalStateException.class, failure.getCause().getClass());
  }

  /** The callers check first; a store that found the key taken anyway failed, and keeps nothing. */
  @Test
  void insertingATakenKeyFailsAndKeepsNothingOfItsWork() {
    Snapshot stored = snapshot(id(1), null, Map.of("env", "prod"));
    write(tx -> tx.snapshots().insert(stored));

    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () ->
                write(
                    tx -> {
                      tx.snapshots().insert(snapshot(id(2)));
                      tx.snapshots()
                          .insert(snapshot(id(1), null, Map.of("env", "dev")).withRetentionDays(1));
                    }));

    assertInstanceOf(StorageException.class, failure.getCause());
    assertEquals(Optional.of(stored), find(id(1)));
    assertEquals(Optional.empty(), find(id(2)));
  }

  @Test
  void deleteRemovesTheSnapshotAndItsTags() {
    write(tx -> tx.snapshots().insert(snapshot(id(1), null, Map.of("env", "prod"))));
    write(tx -> tx.snapshots().delete(REGION, id(1)));
    assertEquals(Optional.empty(), find(id(1)));

    write(tx -> tx.snapshots().insert(snapshot(id(1))));
    assertEquals(Map.of(), find(id(1)).orElseThrow().tags());
  }

  @Test
  void listFiltersByStateIdsTagsAndRegion() {
    write(
        tx -> {
          tx.snapshots().insert(snapshot(id(1), null, Map.of("env", "prod", "team", "a")));
          tx.snapshots().insert(snapshot(id(2), null, Map.of("env", "dev")));
          tx.snapshots().insert(snapshot(id(3), null, Map.of("env", "")));
          tx.snapshots().insert(snapshot(id(4), null, Map.of("team", "a")));
          Snapshot binned = snapshot(id(5));
          tx.snapshots()
              .insert(
                  new Snapshot(
                      REGION,
                      binned.snapshotId(),
                      binned.status(),
                      1,
                      false,
                      "",
                      Map.of("env", "prod"),
                      T0,
                      SnapshotState.IN_RECYCLE_BIN,
                      T0.plusSeconds(60),
                      null));
          Snapshot elsewhere = snapshot(id(6), null, Map.of("env", "prod"));
          tx.snapshots()
              .insert(
                  new Snapshot(
                      "us-east-1",
                      elsewhere.snapshotId(),
                      elsewhere.status(),
                      1,
                      false,
                      "",
                      elsewhere.tags(),
                      T0,
                      SnapshotState.ACTIVE,
                      null,
                      null));
        });

    assertEquals(List.of(id(1), id(2), id(3), id(4)), ids(query().state(SnapshotState.ACTIVE)));
    assertEquals(List.of(id(5)), ids(query().state(SnapshotState.IN_RECYCLE_BIN)));
    assertEquals(List.of(id(1), id(2), id(3), id(5)), ids(query().tag("env", null)));
    assertEquals(List.of(id(1), id(5)), ids(query().tag("env", "prod")));
    assertEquals(List.of(id(3)), ids(query().tag("env", "")));
    assertEquals(List.of(), ids(query().tag("nope", null)));
    assertEquals(List.of(id(2), id(4)), ids(query().ids(id(4), id(2), id(6), id(9))));
    assertEquals(
        List.of(id(1)),
        ids(query().ids(id(1), id(4)).tag("env", "prod").state(SnapshotState.ACTIVE)));
    assertEquals(List.of(id(6)), ids(new QueryBuilder().region("us-east-1").tag("env", "prod")));
  }

  @Test
  void listLocksGivesTheIdAndLockOfWhatListGives() {
    List<Snapshot> snapshots =
        List.of(
            snapshot(id(1), lock(LockMode.GOVERNANCE, new LockTerm.Days(1)), Map.of("env", "prod")),
            snapshot(id(2), null, Map.of("team", "a", "env", "")),
            snapshot(
                id(3),
                new SnapshotLock(
                    LockMode.KEY, T0, 0, new LockTerm.Until(T0.plusSeconds(9)), null, "key-1", 3),
                Map.of("team", "a")));
    write(tx -> snapshots.forEach(tx.snapshots()::insert));

    assertEquals(
        List.of(locked(snapshots.get(0)), locked(snapshots.get(2))),
        listLocks(query().lock(LockFilter.HAS_LOCK).build()));
    assertEquals(
        List.of(locked(snapshots.get(2))),
        listLocks(query().lock(LockFilter.HAS_LOCK).tag("team", "a").build()));
    assertEquals(
        List.of(locked(snapshots.get(0))),
        listLocks(query().lock(LockFilter.ACTIVE_LOCK).now(T0.plusSeconds(9)).build()));
    assertThrows(IllegalArgumentException.class, () -> listLocks(query().build()));
  }

  @Test
  void updateKeepsOrRewritesTagsWhicheverWayTheyWereLastRead() {
    Snapshot original = snapshot(id(1), null, Map.of("env", "prod"));
    write(tx -> tx.snapshots().insert(original));
    Snapshot locked = original.withLock(lock(LockMode.GOVERNANCE, new LockTerm.Days(1)));

    // Read in the same unit of work: only the lock changes.
    write(
        tx ->
            tx.snapshots()
                .update(tx.snapshots().find(REGION, id(1)).orElseThrow().withLock(locked.lock())));
    assertEquals(Optional.of(locked), find(id(1)));

    // Not read first: the tags are written whatever they were.
    Snapshot retagged = locked.withTags(Map.of("env", "dev", "team", "b"));
    write(tx -> tx.snapshots().update(retagged));
    assertEquals(Optional.of(retagged), find(id(1)));

    // Changed and changed back in one unit of work.
    write(
        tx -> {
          Snapshot read = tx.snapshots().find(REGION, id(1)).orElseThrow();
          tx.snapshots().update(read.withTags(Map.of()));
          tx.snapshots().update(read);
        });
    assertEquals(Optional.of(retagged), find(id(1)));

    // Deleted and registered again in one unit of work, with the tags it had.
    write(
        tx -> {
          tx.snapshots().delete(REGION, id(1));
          tx.snapshots().insert(original);
          tx.snapshots().update(original.withLock(locked.lock()));
        });
    assertEquals(Optional.of(locked), find(id(1)));
  }

  private static LockedSnapshot locked(Snapshot snapshot) {
    return new LockedSnapshot(snapshot.snapshotId(), snapshot.lock());
  }

  @Test
  void listNeverShowsASnapshotGoneFromTheRecycleBin() {
    Instant until = T0.plusSeconds(60);
    write(
        tx -> {
          tx.snapshots()
              .insert(
                  snapshot(
                      id(1),
                      lock(LockMode.GOVERNANCE, new LockTerm.Days(1)),
                      Map.of("env", "prod")));
          tx.snapshots().insert(binned(id(2), until, Map.of("env", "prod")));
        });
    Instant before = until.minusMillis(1);

    assertEquals(List.of(id(1), id(2)), ids(query().now(before)));
    assertEquals(List.of(id(2)), ids(query().state(SnapshotState.IN_RECYCLE_BIN).now(before)));
    assertEquals(List.of(id(1), id(2)), ids(query().lock(LockFilter.HAS_LOCK).now(before)));
    assertEquals(List.of(id(1), id(2)), ids(query().tag("env", "prod").now(before)));

    assertEquals(List.of(id(1)), ids(query().now(until)));
    assertEquals(List.of(), ids(query().state(SnapshotState.IN_RECYCLE_BIN).now(until)));
    assertEquals(List.of(id(1)), ids(query().lock(LockFilter.HAS_LOCK).now(until)));
    assertEquals(List.of(id(1)), ids(query().tag("env", "prod").now(until)));
    assertEquals(List.of(id(1)), ids(query().ids(id(1), id(2)).now(until)));
    // find returns the stored row: the callers decide it is gone.
    assertEquals(SnapshotState.IN_RECYCLE_BIN, find(id(2)).orElseThrow().state());
  }

  /** {@code snapshot(id)} in the recycle bin until {@code until}, with an expired lock. */
  private static Snapshot binned(String id, Instant until, Map<String, String> tags) {
    return snapshot(id, lock(LockMode.GOVERNANCE, new LockTerm.Until(T0)), tags)
        .inRecycleBinUntil(until);
  }

  @Test
  void listPagesInIdOrder() {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(7));
    write(
        tx ->
            order.forEach(n -> tx.snapshots().insert(snapshot(id(n), null, Map.of("n", "" + n)))));

    List<Snapshot> all = new ArrayList<>();
    String after = null;
    List<Snapshot> page;
    do {
      page = list(query().after(after).limit(10).build());
      all.addAll(page);
      after = page.isEmpty() ? null : page.get(page.size() - 1).snapshotId();
    } while (page.size() == 10);

    assertEquals(25, all.size());
    for (int i = 0; i < 25; i++) {
      assertEquals(snapshot(id(i), null, Map.of("n", "" + i)), all.get(i));
    }
    assertEquals(List.of(id(13), id(14)), ids(query().after(id(12)).limit(2)));
    assertEquals(List.of(), ids(query().after(id(24))));
  }

  @Test
  void lockFiltersMatchStatusAtForRandomLocksAndTimes() {
    Random random = new Random(20300101);
    List<Snapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      snapshots.add(snapshot(id(i), random.nextInt(5) == 0 ? null : randomLock(random), Map.of()));
    }
    write(tx -> snapshots.forEach(tx.snapshots()::insert));

    // Times at, just before and just after every lock's boundaries, plus a few anywhere.
    List<Instant> times = new ArrayList<>();
    for (Snapshot snapshot : snapshots) {
      SnapshotLock lock = snapshot.lock();
      if (lock != null) {
        for (Instant boundary :
            List.of(lock.expireTime(), lock.coolOffEndTime()).stream()
                .flatMap(Optional::stream)
                .toList()) {
          times.addAll(List.of(boundary.minusMillis(1), boundary, boundary.plusMillis(1)));
        }
      }
    }
    Collections.shuffle(times, random);
    List<Instant> checked = new ArrayList<>(times.subList(0, 40));
    for (int i = 0; i < 10; i++) {
      checked.add(T0.plusMillis(random.nextLong(Duration.ofDays(60).toMillis())));
    }

    List<LockStatus> statuses = new ArrayList<>(Arrays.asList(LockStatus.values()));
    statuses.add(null);
    for (Instant now : checked) {
      for (LockFilter filter : LockFilter.values()) {
        for (LockStatus status : statuses) {
          List<String> expected =
              snapshots.stream()
                  .filter(s -> matches(s, filter, status, now))
                  .map(Snapshot::snapshotId)
                  .toList();
          assertEquals(
              expected,
              ids(query().lock(filter).status(status).now(now)),
              () -> filter + " " + status + " at " + now);
          if (filter != LockFilter.ANY) {
            assertEquals(
                expected,
                listLocks(query().lock(filter).status(status).now(now).build()).stream()
                    .map(LockedSnapshot::snapshotId)
                    .toList(),
                () -> "listLocks " + filter + " " + status + " at " + now);
          }
        }
      }
    }
  }

  private static boolean matches(
      Snapshot snapshot, LockFilter filter, LockStatus status, Instant now) {
    SnapshotLock lock = snapshot.lock();
    boolean byLock =
        switch (filter) {
          case ANY -> true;
          case HAS_LOCK -> lock != null;
          case ACTIVE_LOCK -> lock != null && lock.isActiveAt(now);
        };
    return byLock && (status == null || (lock != null && lock.statusAt(now) == status));
  }

  private static SnapshotLock randomLock(Random random) {
    LockMode mode = LockMode.values()[random.nextInt(LockMode.values().length)];
    Instant created = T0.plusMillis(random.nextLong(Duration.ofDays(20).toMillis()));
    int coolOffHours = random.nextBoolean() ? 0 : 1 + random.nextInt(72);
    LockTerm term;
    Instant durationStart = null;
    if (random.nextBoolean()) {
      term =
          new LockTerm.Until(created.plusMillis(random.nextLong(Duration.ofDays(20).toMillis())));
    } else {
      term = new LockTerm.Days(1 + random.nextInt(20));
      if (random.nextInt(3) > 0) {
        durationStart = created.plusMillis(random.nextLong(Duration.ofDays(5).toMillis()));
      }
    }
    return new SnapshotLock(
        mode,
        created,
        coolOffHours,
        term,
        durationStart,
        mode == LockMode.KEY ? "key-1" : null,
        random.nextInt(10));
  }

  @Test
  void countsLocksByTheirStatusAtAnInstantAsStatusAtDecidesIt() {
    List<SnapshotLock> locks =
        Arrays.asList(
            new SnapshotLock(LockMode.COMPLIANCE, T0, 24, new LockTerm.Days(30), T0, null, 1),
            new SnapshotLock(
                LockMode.GOVERNANCE,
                T0,
                0,
                new LockTerm.Until(T0.plus(Duration.ofDays(10))),
                null,
                null,
                1),
            new SnapshotLock(LockMode.KEY, T0, 0, new LockTerm.Days(5), T0, "k-1", 1),
            new SnapshotLock(LockMode.COMPLIANCE, T0, 0, new LockTerm.Days(30), null, null, 1),
            null);
    write(
        tx -> {
          for (int i = 0; i < locks.size(); i++) {
            tx.snapshots().insert(snapshot(id(i), locks.get(i), Map.of()));
          }
        });
    for (Duration after : List.of(Duration.ofHours(1), Duration.ofDays(2), Duration.ofDays(40))) {
      Instant at = T0.plus(after);
      Map<LockStatus, Long> expected = new EnumMap<>(LockStatus.class);
      locks.stream()
          .filter(lock -> lock != null)
          .forEach(lock -> expected.merge(lock.statusAt(at), 1L, Long::sum));
      assertEquals(
          expected,
          fixture.store().read(tx -> tx.snapshots().countLocks(at)),
          "locks by status " + after + " after they were set");
    }
  }

  private static SnapshotLock lock(LockMode mode, LockTerm term) {
    return new SnapshotLock(mode, T0, 0, term, null, null, 1);
  }

  private void write(Consumer<StoreWrites> work) {
    fixture
        .store()
        .write(
            tx -> {
              work.accept(tx);
              return null;
            })
        .join();
  }

  private Optional<Snapshot> find(String id) {
    return fixture.store().read(tx -> tx.snapshots().find(REGION, id));
  }

  private List<Snapshot> list(SnapshotQuery query) {
    return fixture.store().read(tx -> tx.snapshots().list(query));
  }

  private List<LockedSnapshot> listLocks(SnapshotQuery query) {
    return fixture.store().read(tx -> tx.snapshots().listLocks(query));
  }

  private List<String> ids(QueryBuilder query) {
    return list(query.build()).stream().map(Snapshot::snapshotId).toList();
  }

  private static QueryBuilder query() {
    return new QueryBuilder();
  }

  /** SnapshotQuery with defaults: the test region, anything, 1000 results, at T0. */
  private static final class QueryBuilder {
    private String region = REGION;
    private SnapshotState state;
    private LockFilter lock = LockFilter.ANY;
    private LockStatus status;
    private Set<String> ids = Set.of();
    private String tagKey;
    private String tagValue;
    private String after;
    private int limit = 1000;
    private Instant now = T0;

    QueryBuilder region(String value) {
      region = value;
      return this;
    }

    QueryBuilder state(SnapshotState value) {
      state = value;
      return this;
    }

    QueryBuilder lock(LockFilter value) {
      lock = value;
      return this;
    }

    QueryBuilder status(LockStatus value) {
      status = value;
      return this;
    }

    QueryBuilder ids(String... values) {
      ids = Set.of(values);
      return this;
    }

    QueryBuilder tag(String key, String value) {
      tagKey = key;
      tagValue = value;
      return this;
    }

    QueryBuilder after(String value) {
      after = value;
      return this;
    }

    QueryBuilder limit(int value) {
      limit = value;
      return this;
    }

    QueryBuilder now(Instant value) {
      now = value;
      return this;
    }

    SnapshotQuery build() {
      return new SnapshotQuery(
          region, state, lock, status, ids, tagKey, tagValue, after, limit, now);
    }
  }
}
