package io.lockctl.core.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.lockctl.core.error.Reason;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deterministic simulation of lock-core: seeded random histories of calls to every application
 * service (all three lock families, the catalog, the recycle bin, lock keys and replication, with
 * client tokens and dry runs), interleaved with the system clock moving by minutes to months and
 * now and then back, each run against the {@link Model} and checked by {@link Safety} after every
 * step. See docs/testing.md.
 *
 * <p>The in-memory store carries the budget (at least {@value #BUDGET} operations); SQLite and
 * PostgreSQL run a sample of the same histories. Every failure prints its seed, its length, the
 * shrunk steps and the command that replays it: {@code -Dlockctl.sim.seed=N} runs that one history
 * (of {@code -Dlockctl.sim.steps=K} steps, with {@code -Dlockctl.sim.only=i,j,...} just those of
 * them); {@code -Dlockctl.sim.base=B} repeats a whole run. Times are printed, never asserted.
 */
class SimulationTest {
  static final int BUDGET = 1_000_000;
  private static final int MEMORY_STEPS = 600;
  private static final int SQLITE_HISTORIES = 50;
  private static final int SQLITE_STEPS = 200;
  private static final int POSTGRES_HISTORIES = 20;
  private static final int POSTGRES_STEPS = 150;

  private final QuietClock quiet = new QuietClock();

  @AfterEach
  void speakAgain() {
    quiet.close();
  }

  /**
   * The budget, which must also have met every refusal the contract names but for those no history
   * can meet (no region reaches the rule quota, and every caller is allowed everything), and a KEY
   * lock removed with a signature: a guard against histories that stop reaching them.
   */
  @Test
  void inMemory() {
    Set<String> outcomes =
        simulate(Stores.MEMORY, "inMemory", MEMORY_STEPS, Integer.MAX_VALUE, BUDGET);
    if (outcomes.isEmpty()) {
      return; // a replay
    }
    // Reasons no history can meet: authorization, quotas and the transport's limits are the
    // edges' (their own tests cover them); backups copy the store outside any transaction; access
    // keys and lock-event streams are not part of the simulated model (AccessKeyGrpcServiceTest,
    // WatchLockEventsTest).
    Set<Reason> unreachable =
        EnumSet.of(
            Reason.SERVICE_QUOTA_EXCEEDED,
            Reason.ACCESS_DENIED,
            Reason.UNAUTHENTICATED,
            Reason.BACKUP_UNSUPPORTED,
            Reason.BACKUP_TARGET_EXISTS,
            Reason.BACKUP_TARGET_UNWRITABLE,
            Reason.REQUEST_TOO_LARGE,
            Reason.SERVER_BUSY,
            Reason.ACCESS_KEY_NOT_FOUND,
            Reason.WATCH_TOO_SLOW);
    List<String> missed = new ArrayList<>();
    for (Reason reason : Reason.values()) {
      if (!unreachable.contains(reason)
          && outcomes.stream().noneMatch(outcome -> outcome.endsWith(" " + reason.name()))) {
        missed.add(reason.name());
      }
    }
    if (!outcomes.contains("UnlockSnapshot of KEY OK")) {
      missed.add("a signed KEY unlock");
    }
    assertEquals(List.of(), missed, "what the histories never met");
  }

  @Test
  void onSqlite() {
    simulate(Stores.SQLITE, "onSqlite", SQLITE_STEPS, SQLITE_HISTORIES, 0);
  }

  @Test
  void onPostgres() {
    simulate(Stores.POSTGRES, "onPostgres", POSTGRES_STEPS, POSTGRES_HISTORIES, 0);
  }

  /**
   * Runs histories of {@code steps} steps, seeds base+1, base+2, ..., until {@code histories} of
   * them ran and together made at least {@code operations} calls; or the one replayed. Returns how
   * the RPCs answered ("RPC OK", "RPC REASON"); nothing for a replay.
   */
  private static Set<String> simulate(
      Stores store, String test, int steps, int histories, long operations) {
    Long replayed = Long.getLong("lockctl.sim.seed");
    if (replayed != null) {
      replay(store, test, replayed, Integer.getInteger("lockctl.sim.steps", steps));
      return Set.of();
    }
    long base = Long.getLong("lockctl.sim.base", ThreadLocalRandom.current().nextLong(1L << 48));
    long started = System.nanoTime();
    long made = 0;
    int ran = 0;
    Simulation.Failure failure = null;
    Set<String> outcomes = new TreeSet<>();
    while (failure == null && ran < histories && (operations == 0 || made < operations)) {
      long seed = base + ++ran;
      Simulation.Result result = Simulation.run(seed, Histories.generate(seed, steps), store);
      made += result.operations();
      outcomes.addAll(result.outcomes().keySet());
      failure = result.failure();
    }
    System.out.printf(
        Locale.ROOT,
        "simulation: %d operations in %d histories on %s, %.1f s, %s (seeds %d..%d, base seed"
            + " %d)%n",
        made,
        ran,
        store.description(),
        (System.nanoTime() - started) / 1e9,
        failure == null ? "0 failures" : "stopped at the first failure",
        base + 1,
        base + ran,
        base);
    if (failure != null) {
      fail(Simulation.report(base + ran, steps, all(steps), failure, store, test));
    }
    return outcomes;
  }

  private static void replay(Stores store, String test, long seed, int steps) {
    List<Step> history = Histories.generate(seed, steps);
    List<Integer> selected = all(steps);
    String only = System.getProperty("lockctl.sim.only", "");
    if (!only.isEmpty()) {
      selected = new ArrayList<>();
      for (String index : only.split(",", -1)) {
        selected.add(Integer.parseInt(index.strip()));
      }
    }
    Simulation.Result result = Simulation.run(seed, Simulation.pick(history, selected), store);
    System.out.printf(
        Locale.ROOT,
        "simulation: replayed seed %d (%d steps) on %s: %d operations, %s%n",
        seed,
        selected.size(),
        store.description(),
        result.operations(),
        result.failure() == null ? "no failure" : "failed at step " + result.failure().step());
    if (result.failure() != null) {
      fail(Simulation.report(seed, steps, selected, result.failure(), store, test));
    }
  }

  private static List<Integer> all(int steps) {
    return IntStream.range(0, steps).boxed().toList();
  }
}
