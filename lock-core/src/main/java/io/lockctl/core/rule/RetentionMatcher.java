package io.lockctl.core.rule;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which retention rules keep a snapshot that is being deleted (the recycle bin's rules), as a pure
 * function. Only SNAPSHOT rules count; lock state does not matter (a rule retains whether locked or
 * not).
 */
public final class RetentionMatcher {

  private RetentionMatcher() {}

  /**
   * @param snapshotTags the deleted snapshot's tags
   * @param rules the rules of the snapshot's region
   * @param now the deletion time
   * @return the retention, or empty when no rule matches (the snapshot is deleted for good)
   */
  public static Optional<RecycleBinRetention> match(
      Map<String, String> snapshotTags, Collection<RetentionRule> rules, Instant now) {
    List<RetentionRule> matching =
        rules.stream()
            .filter(rule -> rule.resourceType() == ResourceType.SNAPSHOT)
            .filter(rule -> matches(rule, snapshotTags))
            .sorted(Comparator.comparing(RetentionRule::identifier))
            .toList();
    if (matching.isEmpty()) {
      return Optional.empty();
    }
    int longestDays =
        matching.stream().mapToInt(RetentionRule::retentionPeriodDays).max().orElseThrow();
    return Optional.of(
        new RecycleBinRetention(
            matching.stream().map(RetentionRule::identifier).toList(),
            now.plus(Duration.ofDays(longestDays))));
  }

  /**
   * Tag-level: the snapshot carries any of the rule's tags; region-level: none of its exclusions.
   */
  static boolean matches(RetentionRule rule, Map<String, String> snapshotTags) {
    if (rule.isTagLevel()) {
      return rule.resourceTags().stream().anyMatch(tag -> tag.isCarriedBy(snapshotTags));
    }
    return rule.excludeResourceTags().stream().noneMatch(tag -> tag.isCarriedBy(snapshotTags));
  }
}
