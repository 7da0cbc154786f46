package io.lockctl.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SnapshotIdsTest {

  @Test
  void padsToTwentyDigits() {
    assertEquals("s-00000000000000000000", SnapshotIds.format(0));
    assertEquals("s-00000000000000000042", SnapshotIds.format(42));
    assertEquals("s-09223372036854775807", SnapshotIds.format(Long.MAX_VALUE));
  }

  @Test
  void matchesWhatGhzPrintfMakes() {
    assertEquals(String.format("s-%020d", 123_456_789L), SnapshotIds.format(123_456_789L));
  }

  @Test
  void isAValidLockctlSnapshotId() {
    for (long n : new long[] {0, 1, 999_999, Long.MAX_VALUE}) {
      assertTrue(SnapshotIds.format(n).matches("s-[0-9a-z]{20}"), SnapshotIds.format(n));
    }
  }

  @Test
  void refusesNegativeNumbers() {
    assertThrows(IllegalArgumentException.class, () -> SnapshotIds.format(-1));
  }
}
