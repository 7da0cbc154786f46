package io.lockctl.loadtest;

/**
 * The snapshot ids the tools agree on: "s-" and the number zero-padded to 20 digits, which is a
 * valid lockctl id ("s-" plus 20 of [0-9a-z]) and what ghz's {@code printf "%020d"} template makes.
 * Every non-negative long has at most 19 digits, so every number has an id.
 */
final class SnapshotIds {

  private static final int DIGITS = 20;

  private SnapshotIds() {}

  static String format(long number) {
    if (number < 0) {
      throw new IllegalArgumentException("snapshot numbers are not negative: " + number);
    }
    String digits = Long.toString(number);
    return "s-" + "0".repeat(DIGITS - digits.length()) + digits;
  }
}
