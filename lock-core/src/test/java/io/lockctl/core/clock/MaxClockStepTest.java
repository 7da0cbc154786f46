package io.lockctl.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MaxClockStepTest {
  @Test
  void readsOneAmountInOneUnit() {
    assertEquals(Duration.ofHours(1), MaxClockStep.parse("1h"));
    assertEquals(Duration.ofMinutes(30), MaxClockStep.parse("30m"));
    assertEquals(Duration.ofHours(1), MaxClockStep.parse("3600s"));
    assertEquals(Duration.ofMillis(500), MaxClockStep.parse("500ms"));
    assertEquals(Duration.ofDays(2), MaxClockStep.parse(" 2D "));
    assertEquals(Duration.ZERO, MaxClockStep.parse("0"));
  }

  @Test
  void readsIso8601() {
    assertEquals(Duration.ofMinutes(90), MaxClockStep.parse("PT1H30M"));
    assertEquals(Duration.ofMinutes(90), MaxClockStep.parse("pt1h30m"));
  }

  @Test
  void rejectsWhatItWouldHaveToGuess() {
    for (String bad : new String[] {"", "h", "60", "-1h", "1.5h", "1h30m", "1w", "PT-1H", "P"}) {
      IllegalArgumentException error =
          assertThrows(IllegalArgumentException.class, () -> MaxClockStep.parse(bad), bad);
      assertEquals(
          "expected a duration such as 1h, 30m, 3600s or PT1H, got '" + bad + "'",
          error.getMessage());
    }
  }
}
