package io.lockctl.core.rule;

import java.util.List;

/**
 * CreateRule's input, as received (validated by the domain, not the edge).
 *
 * @param resourceType {@code null} when the request left it unspecified
 * @param lockConfiguration {@code null} to create the rule unlocked
 */
public record CreateRuleCommand(
    String regionId,
    String description,
    ResourceType resourceType,
    int retentionPeriodDays,
    List<ResourceTag> resourceTags,
    List<ResourceTag> excludeResourceTags,
    LockConfiguration lockConfiguration) {

  public CreateRuleCommand {
    resourceTags = List.copyOf(resourceTags);
    excludeResourceTags = List.copyOf(excludeResourceTags);
  }
}
