package io.lockctl.loadtest;

import java.util.Comparator;
import java.util.List;

/** One closed-loop round of an RPC: the no-op's maximum and lockctl's, measured back to back. */
record Round(Point noopMax, Point lockctlMax) {

  /** lockctl's maximum throughput over the no-op's; 0 when the no-op served nothing. */
  double ratio() {
    double ceiling = noopMax.report().throughput();
    return ceiling > 0 ? lockctlMax.report().throughput() / ceiling : 0;
  }

  /**
   * The round with the median ratio (the lower of the two middle ones for an even count): on a
   * shared machine one round can be hit by a neighbour's burst, the median is not.
   */
  static Round median(List<Round> rounds) {
    List<Round> byRatio = rounds.stream().sorted(Comparator.comparingDouble(Round::ratio)).toList();
    return byRatio.get((byRatio.size() - 1) / 2);
  }
}
