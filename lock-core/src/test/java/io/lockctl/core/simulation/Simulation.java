package io.lockctl.core.simulation;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs histories on a store and, when one fails, shrinks it and says how to replay it. A history
 * runs on a fresh store from the same instant with ids drawn from its seed, and checks everything
 * after every step (every Get after every {@value #FULL_CHECK_EVERY}th and the last), so the same
 * steps fail the same way every time.
 */
final class Simulation {
  static final int FULL_CHECK_EVERY = 16;

  /** Re-runs a shrink may spend on each store kind. */
  private static final int SHRINK_RUNS_MEMORY = 3000;

  private static final int SHRINK_RUNS_DURABLE = 150;

  /** Where a history failed: the index among the steps run, what was checked, and how. */
  record Failure(int step, String kind, String message) {}

  /**
   * How far a history got: steps run, service calls made, how each RPC answered, and its failure if
   * it failed.
   */
  record Result(int steps, int operations, Map<String, Integer> outcomes, Failure failure) {}

  private Simulation() {}

  /** Runs {@code steps} on a fresh store of kind {@code store}, ids drawn from {@code seed}. */
  static Result run(long seed, List<Step> steps, Stores store) {
    try (Stores.Opened opened = store.open(seed)) {
      Run run = new Run(opened.world());
      for (int i = 0; i < steps.size(); i++) {
        try {
          run.step(
              steps.get(i), i % FULL_CHECK_EVERY == FULL_CHECK_EVERY - 1 || i == steps.size() - 1);
        } catch (Divergence divergence) {
          return new Result(
              i + 1,
              run.operations(),
              run.outcomes(),
              new Failure(i, divergence.kind(), divergence.getMessage()));
        } catch (RuntimeException | AssertionError crash) {
          return new Result(
              i + 1,
              run.operations(),
              run.outcomes(),
              new Failure(i, "crash " + crash.getClass().getSimpleName(), stackTrace(crash)));
        }
      }
      return new Result(steps.size(), run.operations(), run.outcomes(), null);
    }
  }

  /**
   * The report of a failed history: where it failed, the shortest subsequence found that fails the
   * same way, and how to replay both.
   *
   * @param selected the indexes (in the seed's history) of the steps that were run
   */
  static String report(
      long seed, int length, List<Integer> selected, Failure failure, Stores store, String test) {
    List<Step> history = Histories.generate(seed, length);
    List<Integer> shrunk = shrink(seed, history, selected, failure, store);
    Failure last = run(seed, pick(history, shrunk), store).failure();
    StringBuilder report = new StringBuilder();
    report
        .append("simulation on ")
        .append(store.description())
        .append(" failed: seed ")
        .append(seed)
        .append(", history of ")
        .append(length)
        .append(" steps")
        .append(selected.size() == length ? "" : " (" + selected.size() + " of them selected)")
        .append(", at step ")
        .append(selected.get(failure.step()))
        .append(" ")
        .append(history.get(selected.get(failure.step())))
        .append("\n  ")
        .append(failure.message())
        .append("\nshrunk to ")
        .append(shrunk.size())
        .append(" steps (by index in the seed's history):\n");
    for (int index : shrunk) {
      report.append("  [").append(index).append("] ").append(history.get(index)).append('\n');
    }
    report.append("  which fails with: ").append(last == null ? "(nothing)" : last.message());
    String replay =
        "mvn -B -q -pl lock-core test -Dtest='SimulationTest#"
            + test
            + "' -Dsurefire.failIfNoSpecifiedTests=false -Dlockctl.sim.seed="
            + seed
            + " -Dlockctl.sim.steps="
            + length;
    report.append("\nreplay: ").append(replay);
    report
        .append("\nreplay the shrunk steps: ")
        .append(replay)
        .append(" -Dlockctl.sim.only=")
        .append(String.join(",", shrunk.stream().map(String::valueOf).toList()));
    return report.toString();
  }

  /**
   * Delta debugging over the failing history: drops ever smaller chunks of steps (halves, quarters,
   * ... single steps), re-running from scratch each time, and keeps a smaller history whenever it
   * still fails the same way (the same {@link Failure#kind}), cut right after its failing step.
   */
  static List<Integer> shrink(
      long seed, List<Step> history, List<Integer> selected, Failure failure, Stores store) {
    int budget = store == Stores.MEMORY ? SHRINK_RUNS_MEMORY : SHRINK_RUNS_DURABLE;
    List<Integer> current = new ArrayList<>(selected.subList(0, failure.step() + 1));
    int chunks = 2;
    int runs = 0;
    while (current.size() > 1 && runs < budget) {
      int size = (current.size() + chunks - 1) / chunks;
      boolean reduced = false;
      for (int start = 0; start < current.size() && runs < budget; start += size) {
        List<Integer> candidate = new ArrayList<>(current.subList(0, start));
        candidate.addAll(current.subList(Math.min(start + size, current.size()), current.size()));
        if (candidate.isEmpty()) {
          continue;
        }
        runs++;
        Failure again = run(seed, pick(history, candidate), store).failure();
        if (again != null && again.kind().equals(failure.kind())) {
          current = new ArrayList<>(candidate.subList(0, again.step() + 1));
          chunks = Math.max(chunks - 1, 2);
          reduced = true;
          break;
        }
      }
      if (!reduced) {
        if (size == 1) {
          break;
        }
        chunks = Math.min(current.size(), chunks * 2);
      }
    }
    return current;
  }

  static List<Step> pick(List<Step> history, List<Integer> indexes) {
    return indexes.stream().map(history::get).toList();
  }

  private static String stackTrace(Throwable crash) {
    StringWriter text = new StringWriter();
    crash.printStackTrace(new PrintWriter(text));
    String trace = text.toString();
    return trace.length() > 4000 ? trace.substring(0, 4000) + "..." : trace;
  }
}
