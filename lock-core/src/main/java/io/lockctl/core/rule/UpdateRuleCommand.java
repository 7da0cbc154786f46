package io.lockctl.core.rule;

import java.util.List;

/**
 * UpdateRule's input: the field-mask paths and the new values (only those named are read).
 *
 * @param updatePaths proto field names: {@link #DESCRIPTION}, {@link #RETENTION_PERIOD_DAYS},
 *     {@link #RESOURCE_TAGS}, {@link #EXCLUDE_RESOURCE_TAGS}
 */
public record UpdateRuleCommand(
    String regionId,
    String identifier,
    List<String> updatePaths,
    String description,
    int retentionPeriodDays,
    List<ResourceTag> resourceTags,
    List<ResourceTag> excludeResourceTags) {

  public static final String DESCRIPTION = "description";
  public static final String RETENTION_PERIOD_DAYS = "retention_period_days";
  public static final String RESOURCE_TAGS = "resource_tags";
  public static final String EXCLUDE_RESOURCE_TAGS = "exclude_resource_tags";

  public UpdateRuleCommand {
    updatePaths = List.copyOf(updatePaths);
    resourceTags = List.copyOf(resourceTags);
    excludeResourceTags = List.copyOf(excludeResourceTags);
  }

  public boolean updates(String path) {
    return updatePaths.contains(path);
  }
}
