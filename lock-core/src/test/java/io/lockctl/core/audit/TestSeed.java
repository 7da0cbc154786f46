package io.lockctl.core.audit;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Random tests draw from a seeded {@link Random}: a new seed each run unless {@code
 * -Dlockctl.test.seed=N} repeats one, and every failure message names it.
 */
final class TestSeed {
  final long seed;
  final Random random;

  private TestSeed(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  static TestSeed next() {
    Long fixed = Long.getLong("lockctl.test.seed");
    return new TestSeed(fixed != null ? fixed : ThreadLocalRandom.current().nextLong());
  }

  /** A failure message that says how to repeat the run. */
  String say(String what) {
    return what + " (repeat with -Dlockctl.test.seed=" + seed + ")";
  }
}
