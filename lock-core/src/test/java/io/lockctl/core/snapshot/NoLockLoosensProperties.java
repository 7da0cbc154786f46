package io.lockctl.core.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.replication.SnapshotLockKeys;
import io.lockctl.core.replication.UnlockChallenges;
import io.lockctl.core.store.WriteTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Long random histories of catalog and lock calls, with time moving forwards and sometimes the
 * system clock set back, run against the service (the shells on the real SQLite store, under a
 * compliance clock) and against {@link SnapshotModel}, both driven by the same system clock. After
 * every step the two must agree on the outcome and on every snapshot, and no compliance lock
 * observed past its cool-off may have loosened before its expiry.
 */
class NoLockLoosensProperties {
  private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
  private static final int IDS = 4;
  private static final List<Map<String, String>> TAGS =
      List.of(
          Map.of(), Map.of("env", "prod"), Map.of("env", "", "team", "a"), Map.of("aws:x", "v"));

  private StoreHarness store;
  private final SnapshotCatalog catalog = new SnapshotCatalog();
  private final SnapshotLocking locking =
      new SnapshotLocking(new SnapshotLockKeys(new UnlockChallenges(new byte[32])));
  private int tryNumber;

  /** One store for all tries (each try uses a region of its own), as opening one takes time. */
  @BeforeProperty
  void openStore() {
    store = new StoreHarness(START);
  }

  @AfterProperty
  void closeStore() {
    store.close();
  }

  /** One call, or a move of the system clock. */
  sealed interface Step {}

  record Register(
      int id,
      SnapshotStatus status,
      int retentionDays,
      boolean shared,
      String managedBy,
      int tags,
      int createdHoursAgo)
      implements Step {}

  /** {@code mode} null for an unspecified mode; {@code untilHours} null for a days-term. */
  record Lock(int id, LockMode mode, int days, Integer untilHours, int coolOffHours)
      implements Step {}

  record Unlock(int id) implements Step {}

  record UpdateStatus(int id, SnapshotStatus status) implements Step {}

  record UpdateRetention(int id, int days) implements Step {}

  record UpdateShared(int id, boolean shared) implements Step {}

  record UpdateTags(int id, int tags) implements Step {}

  record Delete(int id) implements Step {}

  record Advance(Duration by) implements Step {}

  record SetSystemClockBack(Duration by) implements Step {}

  @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
  void serviceAgreesWithTheModelAndNoLockLoosens(@ForAll("histories") List<Step> history) {
    String region = "p" + (++tryNumber);
    SettableClock system = store.system;
    ComplianceClock clock = store.clock;
    // Each try starts a day after the previous one ended, so the clock's high-water mark
    // (which never goes down) does not leak one try's time into the next.
    system.set(clock.now().plus(Duration.ofDays(1)));
    Instant modelNow = clock.now();
    SnapshotModel model = new SnapshotModel();
    Map<String, Instant> guaranteed = new HashMap<>();

    for (Step step : history) {
      if (step instanceof Advance advance) {
        system.advance(advance.by());
      } else if (step instanceof SetSystemClockBack back) {
        system.set(system.instant().minus(back.by()));
      }
      modelNow = later(modelNow, system.instant());
      String expected = modelOutcome(model, step, modelNow);
      String actual = serviceOutcome(region, step, modelNow);
      assertEquals(expected, actual, () -> "outcome of " + step);
      Instant now = modelNow;
      Map<String, Snapshot> stored = stored(region);
      Map<String, SnapshotModel.View> actualViews = new HashMap<>();
      stored.forEach((id, snapshot) -> actualViews.put(id, view(snapshot, now)));
      assertEquals(model.views(now), actualViews, () -> "state after " + step + " at " + now);
      checkNothingLoosened(stored, guaranteed, now);
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String id(int n) {
    return String.format("s-%020d", n);
  }

  private static String modelOutcome(SnapshotModel model, Step step, Instant now) {
    if (step instanceof Register r) {
      return model.register(
          id(r.id()),
          r.status(),
          r.retentionDays(),
          r.shared(),
          r.managedBy(),
          TAGS.get(r.tags()),
          now.minus(Duration.ofHours(r.createdHoursAgo())),
          now);
    } else if (step instanceof Lock l) {
      return model.lock(
          id(l.id()),
          l.mode(),
          l.days(),
          l.untilHours() == null ? null : now.plus(Duration.ofHours(l.untilHours())),
          l.coolOffHours(),
          now);
    } else if (step instanceof Unlock u) {
      return model.unlock(id(u.id()), now);
    } else if (step instanceof UpdateStatus u) {
      return model.updateStatus(id(u.id()), u.status(), now);
    } else if (step instanceof UpdateRetention u) {
      return model.updateRetention(id(u.id()), u.days(), now);
    } else if (step instanceof UpdateShared u) {
      return model.updateShared(id(u.id()), u.shared(), now);
    } else if (step instanceof UpdateTags u) {
      return model.updateTags(id(u.id()), TAGS.get(u.tags()));
    } else if (step instanceof Delete d) {
      return model.delete(id(d.id()), now);
    }
    return SnapshotModel.OK;
  }

  private String serviceOutcome(String region, Step step, Instant now) {
    try {
      store.write(tx -> apply(tx, region, step, now));
      return SnapshotModel.OK;
    } catch (RejectedException refused) {
      return refused.reason().name();
    }
  }

  private Object apply(WriteTransaction tx, String region, Step step, Instant now) {
    if (step instanceof Register r) {
      return catalog.register(
          tx,
          new RegisterSnapshotCommand(
              region,
              id(r.id()),
              r.status(),
              r.retentionDays(),
              r.shared(),
              r.managedBy(),
              TAGS.get(r.tags()),
              now.minus(Duration.ofHours(r.createdHoursAgo()))));
    } else if (step instanceof Lock l) {
      LockTerm term =
          l.untilHours() == null
              ? new LockTerm.Days(l.days())
              : new LockTerm.Until(now.plus(Duration.ofHours(l.untilHours())));
      return locking.lock(
          tx, new LockSnapshotCommand(region, id(l.id()), l.mode(), term, l.coolOffHours(), ""));
    } else if (step instanceof Unlock u) {
      return locking.unlock(tx, new UnlockSnapshotCommand(region, id(u.id()), ""));
    } else if (step instanceof UpdateStatus u) {
      return catalog.update(
          tx,
          new UpdateSnapshotCommand(
              region, id(u.id()), List.of("status"), u.status(), 0, false, Map.of()));
    } else if (step instanceof UpdateRetention u) {
      return catalog.update(
          tx,
          new UpdateSnapshotCommand(
              region, id(u.id()), List.of("retention_days"), null, u.days(), false, Map.of()));
    } else if (step instanceof UpdateShared u) {
      return catalog.update(
          tx,
          new UpdateSnapshotCommand(
              region, id(u.id()), List.of("shared"), null, 0, u.shared(), Map.of()));
    } else if (step instanceof UpdateTags u) {
      return catalog.update(
          tx,
          new UpdateSnapshotCommand(
              region, id(u.id()), List.of("tags"), null, 0, false, TAGS.get(u.tags())));
    } else if (step instanceof Delete d) {
      return catalog.delete(tx, region, id(d.id()));
    }
    return tx.now();
  }

  /** The region's snapshots by id, as the store has them. */
  private Map<String, Snapshot> stored(String region) {
    return store.read(
        tx -> {
          Map<String, Snapshot> stored = new HashMap<>();
          for (int n = 0; n < IDS; n++) {
            tx.snapshots().find(region, id(n)).ifPresent(s -> stored.put(s.snapshotId(), s));
          }
          return stored;
        });
  }

  private static SnapshotModel.View view(Snapshot s, Instant now) {
    SnapshotLock lock = s.lock();
    return new SnapshotModel.View(
        s.status(),
        s.retentionDays(),
        s.shared(),
        s.tags(),
        lock == null ? null : lock.mode(),
        lock == null ? null : lock.statusAt(now),
        lock == null ? null : lock.expireTime().orElse(null));
  }

  /**
   * Safety, checked on the service's own state: once a compliance lock was seen past its cool-off,
   * ending no earlier than E, the snapshot exists and stays compliance-locked until E.
   */
  private static void checkNothingLoosened(
      Map<String, Snapshot> stored, Map<String, Instant> guaranteed, Instant now) {
    guaranteed.values().removeIf(end -> !now.isBefore(end));
    for (int n = 0; n < IDS; n++) {
      String id = id(n);
      Optional<Snapshot> snapshot = Optional.ofNullable(stored.get(id));
      Instant promised = guaranteed.get(id);
      if (promised != null) {
        assertTrue(snapshot.isPresent(), () -> id + " vanished before " + promised);
        SnapshotLock lock = snapshot.get().lock();
        assertNotNull(lock, () -> id + " lost its lock before " + promised);
        assertEquals(LockStatus.COMPLIANCE, lock.statusAt(now), () -> id + " loosened");
        assertTrue(!lock.earliestExpireTime(now).isBefore(promised), () -> id + " was shortened");
      }
      snapshot
          .map(Snapshot::lock)
          .filter(lock -> lock.statusAt(now) == LockStatus.COMPLIANCE)
          .ifPresent(
              lock ->
                  guaranteed.merge(
                      id, lock.earliestExpireTime(now), NoLockLoosensProperties::later));
    }
  }

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Integer> ids = Arbitraries.integers().between(0, IDS - 1);
    Arbitrary<Integer> tags = Arbitraries.integers().between(0, TAGS.size() - 1);
    Arbitrary<SnapshotStatus> statuses = Arbitraries.of(SnapshotStatus.class);
    Arbitrary<SnapshotStatus> newStatuses =
        Arbitraries.of(
            SnapshotStatus.PROGRESSING,
            SnapshotStatus.PROGRESSING,
            SnapshotStatus.ACCOMPLISHED,
            SnapshotStatus.ACCOMPLISHED,
            SnapshotStatus.ACCOMPLISHED,
            SnapshotStatus.FAILED);
    Arbitrary<Step> register =
        Combinators.combine(
                ids,
                newStatuses,
                Arbitraries.of(0, 0, 0, 0, 1, 5, 30, 400),
                rarely(true, List.of(false)),
                rarely("ecs", List.of("")),
                rarely(3, List.of(0, 1, 2)),
                Arbitraries.of(0, 0, 0, 5, 48, 2000, -1))
            .as(Register::new);
    Arbitrary<LockMode> modes =
        Arbitraries.frequencyOf(
            Tuple.of(10, Arbitraries.just(LockMode.COMPLIANCE)),
            Tuple.of(8, Arbitraries.just(LockMode.GOVERNANCE)),
            Tuple.of(1, Arbitraries.just((LockMode) null)));
    Arbitrary<Integer> coolOffs =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(0)),
            Tuple.of(6, Arbitraries.of(1, 24, 48, 72)),
            Tuple.of(1, Arbitraries.of(-1, 73)));
    Arbitrary<Integer> untilHours =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just((Integer) null)),
            Tuple.of(1, Arbitraries.of(-1, 0, 1, 12, 24, 25, 25, 72, 240, 240, 1000)));
    Arbitrary<Integer> days = Arbitraries.of(0, 1, 1, 2, 3, 3, 5, 10, 10, 30, 400);
    // Mostly well-formed: a cool-off outside COMPLIANCE only now and then.
    Arbitrary<Step> lock =
        modes.flatMap(
            mode ->
                Combinators.combine(
                        ids,
                        days,
                        untilHours,
                        mode == LockMode.COMPLIANCE ? coolOffs : rarely(24, List.of(0)))
                    .as((id, d, until, coolOff) -> new Lock(id, mode, d, until, coolOff)));
    Arbitrary<Step> unlock = ids.map(Unlock::new);
    Arbitrary<Step> status = Combinators.combine(ids, statuses).as(UpdateStatus::new);
    Arbitrary<Step> retention =
        Combinators.combine(ids, Arbitraries.of(0, 1, 2, 5, 10, 30, 365, 70000))
            .as(UpdateRetention::new);
    Arbitrary<Step> shared =
        Combinators.combine(ids, Arbitraries.of(true, false)).as(UpdateShared::new);
    Arbitrary<Step> retag = Combinators.combine(ids, tags).as(UpdateTags::new);
    Arbitrary<Step> delete = ids.map(Delete::new);
    Arbitrary<Step> advance =
        Arbitraries.of(
                Duration.ofMillis(1),
                Duration.ofHours(1),
                Duration.ofHours(23),
                Duration.ofDays(1),
                Duration.ofDays(3),
                Duration.ofDays(11),
                Duration.ofDays(40))
            .map(Advance::new);
    Arbitrary<Step> setBack =
        Arbitraries.of(Duration.ofHours(1), Duration.ofDays(2)).map(SetSystemClockBack::new);
    return Arbitraries.frequencyOf(
            Tuple.of(6, register),
            Tuple.of(10, lock),
            Tuple.of(4, unlock),
            Tuple.of(3, status),
            Tuple.of(2, retention),
            Tuple.of(2, shared),
            Tuple.of(1, retag),
            Tuple.of(2, delete),
            Tuple.of(4, advance),
            Tuple.of(1, setBack))
        .list()
        .ofSize(40)
        .flatMap(body -> firstRegistrations().map(prefix -> concat(prefix, body)));
  }

  /** Every id registered first, so that most calls meet an existing snapshot. */
  private static Arbitrary<List<Step>> firstRegistrations() {
    Arbitrary<SnapshotStatus> lockable =
        Arbitraries.of(
            SnapshotStatus.PROGRESSING, SnapshotStatus.ACCOMPLISHED, SnapshotStatus.ACCOMPLISHED);
    return lockable
        .list()
        .ofSize(IDS)
        .map(
            statuses -> {
              List<Step> registrations = new ArrayList<>();
              for (int n = 0; n < IDS; n++) {
                registrations.add(new Register(n, statuses.get(n), 0, false, "", 0, 0));
              }
              return registrations;
            });
  }

  private static List<Step> concat(List<Step> first, List<Step> then) {
    List<Step> all = new ArrayList<>(first);
    all.addAll(then);
    return all;
  }

  /** {@code unusual} once in ten, otherwise one of {@code usual}. */
  private static <T> Arbitrary<T> rarely(T unusual, List<T> usual) {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.just(unusual)), Tuple.of(9, Arbitraries.of(usual)));
  }
}
