package io.lockctl.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WildcardPatternTest {

  private static boolean matches(String pattern, String text) {
    return WildcardPattern.compile(pattern).matches(text);
  }

  @Test
  void aStarMatchesAnyRunOfCharactersIncludingNone() {
    assertTrue(matches("*", ""));
    assertTrue(matches("*", "anything at all"));
    assertTrue(matches("lockctl:Get*", "lockctl:Get"));
    assertTrue(matches("lockctl:Get*", "lockctl:GetSnapshot"));
    assertTrue(matches("*Snapshot", "lockctl:GetSnapshot"));
    assertTrue(matches("a*b*c", "abc"));
    assertTrue(matches("a*b*c", "a-xb-yb-c"));
    assertTrue(matches("a**c", "ac"));
    assertFalse(matches("lockctl:Get*", "lockctl:ListSnapshots"));
    assertFalse(matches("a*b*c", "acb"));
    assertFalse(matches("ab*ba", "aba"));
  }

  @Test
  void aQuestionMarkMatchesExactlyOneCharacter() {
    assertTrue(matches("lockctl:GetRul?", "lockctl:GetRule"));
    assertFalse(matches("lockctl:GetRul?", "lockctl:GetRul"));
    assertFalse(matches("lockctl:GetRul?", "lockctl:GetRules"));
    assertTrue(matches("?*", "x"));
    assertFalse(matches("?*", ""));
    assertTrue(matches("*?x?", "abxc"));
    assertTrue(matches("s-??", "s-a*"));
  }

  @Test
  void everythingElseIsLiteralAndCaseSensitive() {
    assertTrue(matches("lockctl:GetSnapshot", "lockctl:GetSnapshot"));
    assertFalse(matches("lockctl:GetSnapshot", "lockctl:getsnapshot"));
    assertFalse(matches("a.b", "axb"));
    assertTrue(matches("a.b", "a.b"));
    assertFalse(matches("[ab]+", "a"));
    assertTrue(matches("[ab]+", "[ab]+"));
    assertTrue(matches("(x|y)\\d$^*", "(x|y)\\d$^ and more"));
    assertFalse(matches("\\Q*\\E", "*"));
  }

  @Test
  void aPatternStarMatchesALiteralStarInTheName() {
    assertTrue(matches("lrn:lockctl:cn-hangzhou:snapshot/*", "lrn:lockctl:cn-hangzhou:snapshot/*"));
    assertTrue(
        matches("lrn:lockctl:*:target-relationship/*", "lrn:lockctl:*:target-relationship/*"));
    assertFalse(
        matches(
            "lrn:lockctl:cn-hangzhou:target-relationship/*",
            "lrn:lockctl:*:target-relationship/*"));
  }

  @Test
  void hostilePatternsTakeLinearTimeNotExponential() {
    String text = "a".repeat(20_000);
    String pattern = "*a".repeat(50) + "*b";
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertFalse(matches(pattern, text)));
    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertFalse(matches("*" + "?".repeat(30) + "b", text)));
  }

  @Test
  void agreesWithARegexModelOnRandomPatternsAndTexts() {
    long seed = Long.getLong("lockctl.policy.seed", new Random().nextLong());
    Random random = new Random(seed);
    String alphabet = "ab*?";
    for (int i = 0; i < 100_000; i++) {
      String pattern = randomString(random, alphabet, 1, 8);
      String text = randomString(random, alphabet, 0, 10);
      assertEquals(
          RegexGlob.matches(pattern, text),
          matches(pattern, text),
          () ->
              "pattern "
                  + pattern
                  + " on "
                  + text
                  + " (seed "
                  + seed
                  + ", replay with -Dlockctl.policy.seed="
                  + seed
                  + ")");
    }
  }

  private static String randomString(Random random, String alphabet, int min, int max) {
    int length = min + random.nextInt(max - min + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
