package io.lockctl.core.rule;

import java.time.Instant;
import java.util.List;

/**
 * Why and how long a deleted snapshot stays in the recycle bin.
 *
 * @param ruleIds the matching rules, ascending (DeleteSnapshot's {@code retained_by_rule_ids})
 * @param retainUntil deletion time plus the longest matching retention; fixed from then on
 */
public record RecycleBinRetention(List<String> ruleIds, Instant retainUntil) {
  public RecycleBinRetention {
    ruleIds = List.copyOf(ruleIds);
  }
}
