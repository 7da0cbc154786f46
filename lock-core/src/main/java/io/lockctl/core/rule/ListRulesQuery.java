package io.lockctl.core.rule;

import java.util.List;

/**
 * ListRules' input, as received.
 *
 * @param resourceType {@code null} for any
 * @param lockState {@code null} for any; {@link RuleLockState#NEVER_LOCKED} selects never-locked
 *     rules
 * @param resourceTags only rules whose resource tags include all of these; empty for no filter
 * @param pageSize as requested (0 = default)
 * @param pageToken empty for the first page
 */
public record ListRulesQuery(
    String regionId,
    ResourceType resourceType,
    RuleLockState lockState,
    List<ResourceTag> resourceTags,
    int pageSize,
    String pageToken) {

  public ListRulesQuery {
    resourceTags = List.copyOf(resourceTags);
  }
}
