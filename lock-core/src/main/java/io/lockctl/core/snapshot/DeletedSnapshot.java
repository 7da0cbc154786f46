package io.lockctl.core.snapshot;

import java.time.Instant;
import java.util.List;

/**
 * What DeleteSnapshot did: deleted for good (no rules), or moved to the recycle bin.
 *
 * @param retainedByRuleIds the rules keeping it; empty when deleted for good
 * @param retainUntil when it leaves the recycle bin; {@code null} when deleted for good
 */
public record DeletedSnapshot(
    String snapshotId, List<String> retainedByRuleIds, Instant retainUntil) {
  public DeletedSnapshot {
    retainedByRuleIds = List.copyOf(retainedByRuleIds);
  }
}
