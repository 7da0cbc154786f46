package io.lockctl.core.rule;

import static io.lockctl.core.rule.Rules.REGION;
import static io.lockctl.core.rule.Rules.T0;
import static io.lockctl.core.rule.Rules.days;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which rules keep a deleted snapshot in the recycle bin, and until when. */
class RetentionMatcherTest {
  private static final Instant DELETED_AT = days(100);

  private static RetentionRule rule(
      String identifier, int days, List<ResourceTag> tags, List<ResourceTag> exclusions) {
    return rule(identifier, ResourceType.SNAPSHOT, days, tags, exclusions);
  }

  private static RetentionRule rule(
      String identifier,
      ResourceType type,
      int days,
      List<ResourceTag> tags,
      List<ResourceTag> exclusions) {
    return new RetentionRule(
        identifier, REGION, "", type, days, tags, exclusions, null, null, T0, T0);
  }

  private static Optional<RecycleBinRetention> match(
      Map<String, String> tags, RetentionRule... rules) {
    return RetentionMatcher.match(tags, List.of(rules), DELETED_AT);
  }

  @Test
  void withoutRulesNothingIsRetained() {
    assertEquals(Optional.empty(), match(Map.of("env", "prod")));
  }

  @Test
  void aRegionLevelRuleRetainsEverySnapshot() {
    RetentionRule everything = rule("AAAAAAAAAAA", 30, List.of(), List.of());

    assertEquals(
        Optional.of(new RecycleBinRetention(List.of("AAAAAAAAAAA"), days(130))),
        match(Map.of(), everything));
    assertEquals(
        Optional.of(new RecycleBinRetention(List.of("AAAAAAAAAAA"), days(130))),
        match(Map.of("env", "prod"), everything));
  }

  @Test
  void anExclusionTagKeepsASnapshotOutOnlyWithTheSameKeyAndValue() {
    RetentionRule allButScratch =
        rule("AAAAAAAAAAA", 30, List.of(), List.of(new ResourceTag("scratch", "yes")));

    assertEquals(Optional.empty(), match(Map.of("scratch", "yes", "env", "prod"), allButScratch));
    assertEquals(
        List.of("AAAAAAAAAAA"),
        match(Map.of("scratch", "no"), allButScratch).orElseThrow().ruleIds());
    assertEquals(
        List.of("AAAAAAAAAAA"),
        match(Map.of("Scratch", "yes"), allButScratch).orElseThrow().ruleIds());
  }

  @Test
  void aTagLevelRuleRetainsSnapshotsCarryingAnyOfItsTags() {
    RetentionRule prodOrStaging =
        rule(
            "AAAAAAAAAAA",
            30,
            List.of(new ResourceTag("env", "prod"), new ResourceTag("env", "staging")),
            List.of());

    assertEquals(
        List.of("AAAAAAAAAAA"),
        match(Map.of("env", "staging"), prodOrStaging).orElseThrow().ruleIds());
    assertEquals(Optional.empty(), match(Map.of("env", "dev"), prodOrStaging));
    assertEquals(Optional.empty(), match(Map.of("tier", "prod"), prodOrStaging));
    assertEquals(Optional.empty(), match(Map.of(), prodOrStaging));
  }

  @Test
  void anEmptyTagValueMatchesOnlyAnEmptyValue() {
    RetentionRule flagged =
        rule("AAAAAAAAAAA", 30, List.of(new ResourceTag("keep", "")), List.of());

    assertEquals(
        List.of("AAAAAAAAAAA"), match(Map.of("keep", ""), flagged).orElseThrow().ruleIds());
    assertEquals(Optional.empty(), match(Map.of("keep", "x"), flagged));
  }

  @Test
  void theLongestMatchingRetentionWinsAndEveryMatchingRuleIsNamedInOrder() {
    RetentionRule shortRegion = rule("ccccccccccc", 7, List.of(), List.of());
    RetentionRule longTag =
        rule("AAAAAAAAAAA", 365, List.of(new ResourceTag("env", "prod")), List.of());
    RetentionRule longerButNotMatching =
        rule("BBBBBBBBBBB", 3650, List.of(new ResourceTag("env", "dev")), List.of());

    assertEquals(
        Optional.of(new RecycleBinRetention(List.of("AAAAAAAAAAA", "ccccccccccc"), days(465))),
        match(Map.of("env", "prod"), shortRegion, longerButNotMatching, longTag));
  }

  @Test
  void imageRulesRetainNoSnapshot() {
    RetentionRule images = rule("AAAAAAAAAAA", ResourceType.IMAGE, 30, List.of(), List.of());

    assertEquals(Optional.empty(), match(Map.of(), images));
  }

  @Test
  void aRuleRetainsWhateverItsLockState() {
    RetentionRule pendingUnlock =
        new RetentionRule(
            "AAAAAAAAAAA",
            REGION,
            "",
            ResourceType.SNAPSHOT,
            10,
            List.of(),
            List.of(),
            new LockConfiguration(7),
            DELETED_AT.plusSeconds(1),
            T0,
            T0);
    RetentionRule unlocked =
        new RetentionRule(
            "BBBBBBBBBBB",
            REGION,
            "",
            ResourceType.SNAPSHOT,
            20,
            List.of(),
            List.of(),
            new LockConfiguration(7),
            T0,
            T0,
            T0);

    assertEquals(
        Optional.of(new RecycleBinRetention(List.of("AAAAAAAAAAA", "BBBBBBBBBBB"), days(120))),
        match(Map.of(), pendingUnlock, unlocked));
  }
}
