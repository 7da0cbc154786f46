package io.lockctl.core.rule;

import java.time.Instant;
import java.util.List;

/**
 * Filters for listing one region's rules, in ascending {@code identifier} order. The lock-state
 * filter is evaluated at {@code now}.
 *
 * @param resourceType only this type; {@code null} for any
 * @param lockState only rules in this state at {@code now}; {@code null} for any
 * @param resourceTags only rules whose resource tags include every one of these; empty for any
 * @param afterIdentifier only identifiers strictly after this one; {@code null} to start at the
 *     first
 * @param limit at most this many results
 */
public record RuleQuery(
    String regionId,
    ResourceType resourceType,
    RuleLockState lockState,
    List<ResourceTag> resourceTags,
    String afterIdentifier,
    int limit,
    Instant now) {

  public RuleQuery {
    resourceTags = List.copyOf(resourceTags);
  }

  /**
   * Whether {@code rule} passes the filters (region, type, lock state, tags and {@code
   * afterIdentifier}; not {@code limit}). The reference meaning of the filters: a store may
   * evaluate them in its query language, but must agree with this.
   */
  public boolean matches(RetentionRule rule) {
    return rule.regionId().equals(regionId)
        && (resourceType == null || rule.resourceType() == resourceType)
        && (lockState == null || rule.lockStateAt(now) == lockState)
        && rule.resourceTags().containsAll(resourceTags)
        && (afterIdentifier == null || rule.identifier().compareTo(afterIdentifier) > 0);
  }
}
