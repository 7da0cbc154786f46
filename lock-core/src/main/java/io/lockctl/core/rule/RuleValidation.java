package io.lockctl.core.rule;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Format rules of retention-rule requests (retention_rule.proto's field limits). Every check
 * collects its violation instead of failing fast, so one INVALID_PARAMETER names every bad field,
 * by its path in the proto request as the caller sees it in {@code BadRequest}. These checks need
 * no stored state; the one that does (tag-level with exclusion tags after an update) is in {@link
 * RuleDecisions#update}.
 */
public final class RuleValidation {
  public static final int MIN_RETENTION_DAYS = 1;
  public static final int MAX_RETENTION_DAYS = 3650;
  public static final int MAX_RESOURCE_TAGS = 50;
  public static final int MAX_EXCLUDE_RESOURCE_TAGS = 5;
  public static final int MAX_TAG_KEY_LENGTH = 128;
  public static final int MAX_TAG_VALUE_LENGTH = 256;
  public static final int MIN_UNLOCK_DELAY_DAYS = 7;
  public static final int MAX_UNLOCK_DELAY_DAYS = 30;

  private static final Pattern DESCRIPTION = Pattern.compile("^[\\S ]{0,255}$");
  private static final Set<String> UPDATE_PATHS =
      Set.of(
          UpdateRuleCommand.DESCRIPTION,
          UpdateRuleCommand.RETENTION_PERIOD_DAYS,
          UpdateRuleCommand.RESOURCE_TAGS,
          UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS);
  private static final String UPDATE_PREFIX = "rule.";

  private RuleValidation() {}

  public static Optional<Rejection> create(CreateRuleCommand command) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(command.regionId(), violations);
    description("description", command.description(), violations);
    if (command.resourceType() == null) {
      violations.add(new FieldViolation("resource_type", "must be SNAPSHOT or IMAGE"));
    }
    retentionPeriodDays("retention_period_days", command.retentionPeriodDays(), violations);
    tags("resource_tags", command.resourceTags(), MAX_RESOURCE_TAGS, violations);
    tags(
        "exclude_resource_tags",
        command.excludeResourceTags(),
        MAX_EXCLUDE_RESOURCE_TAGS,
        violations);
    if (!command.resourceTags().isEmpty() && !command.excludeResourceTags().isEmpty()) {
      violations.add(exclusionOnTagLevel("exclude_resource_tags"));
    }
    if (command.lockConfiguration() != null) {
      unlockDelayDays(command.lockConfiguration(), violations);
    }
    return Rejection.invalidParameters(violations);
  }

  public static Optional<Rejection> update(UpdateRuleCommand command) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(command.regionId(), violations);
    Identifiers.ruleId(command.identifier(), violations);
    if (command.updatePaths().isEmpty()) {
      violations.add(new FieldViolation("update_mask", "must name at least one path"));
    }
    command.updatePaths().stream()
        .filter(path -> !UPDATE_PATHS.contains(path))
        .forEach(
            path ->
                violations.add(
                    new FieldViolation(
                        "update_mask",
                        "cannot update \""
                            + path
                            + "\"; paths: "
                            + String.join(", ", UPDATE_PATHS.stream().sorted().toList()))));
    if (command.updates(UpdateRuleCommand.DESCRIPTION)) {
      description(UPDATE_PREFIX + "description", command.description(), violations);
    }
    if (command.updates(UpdateRuleCommand.RETENTION_PERIOD_DAYS)) {
      retentionPeriodDays(
          UPDATE_PREFIX + "retention_period_days", command.retentionPeriodDays(), violations);
    }
    if (command.updates(UpdateRuleCommand.RESOURCE_TAGS)) {
      tags(UPDATE_PREFIX + "resource_tags", command.resourceTags(), MAX_RESOURCE_TAGS, violations);
    }
    if (command.updates(UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS)) {
      tags(
          UPDATE_PREFIX + "exclude_resource_tags",
          command.excludeResourceTags(),
          MAX_EXCLUDE_RESOURCE_TAGS,
          violations);
    }
    return Rejection.invalidParameters(violations);
  }

  public static Optional<Rejection> lock(LockRuleCommand command) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(command.regionId(), violations);
    Identifiers.ruleId(command.identifier(), violations);
    if (command.lockConfiguration() == null) {
      violations.add(new FieldViolation("lock_configuration", "is required"));
    } else {
      unlockDelayDays(command.lockConfiguration(), violations);
    }
    return Rejection.invalidParameters(violations);
  }

  /** The rule reference of GetRule, DeleteRule and UnlockRule. */
  public static Optional<Rejection> reference(String regionId, String identifier) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(regionId, violations);
    Identifiers.ruleId(identifier, violations);
    return Rejection.invalidParameters(violations);
  }

  public static Optional<Rejection> list(ListRulesQuery query) {
    List<FieldViolation> violations = new ArrayList<>();
    Identifiers.regionId(query.regionId(), violations);
    tags("resource_tags", query.resourceTags(), MAX_RESOURCE_TAGS, violations);
    return Rejection.invalidParameters(violations);
  }

  /** The violation for exclusion tags on a rule that has resource tags. */
  static FieldViolation exclusionOnTagLevel(String field) {
    return new FieldViolation(
        field, "only region-level rules (without resource_tags) may have exclusion tags");
  }

  private static void description(String field, String value, List<FieldViolation> violations) {
    if (!DESCRIPTION.matcher(value).matches()) {
      violations.add(
          new FieldViolation(
              field,
              "must be at most 255 characters, without tabs or line breaks ("
                  + DESCRIPTION.pattern()
                  + ")"));
    }
  }

  private static void retentionPeriodDays(
      String field, int value, List<FieldViolation> violations) {
    if (value < MIN_RETENTION_DAYS || value > MAX_RETENTION_DAYS) {
      violations.add(
          new FieldViolation(
              field, "must be " + MIN_RETENTION_DAYS + "-" + MAX_RETENTION_DAYS + " days"));
    }
  }

  private static void unlockDelayDays(
      LockConfiguration configuration, List<FieldViolation> violations) {
    int days = configuration.unlockDelayDays();
    if (days < MIN_UNLOCK_DELAY_DAYS || days > MAX_UNLOCK_DELAY_DAYS) {
      violations.add(
          new FieldViolation(
              "lock_configuration.unlock_delay_days",
              "must be " + MIN_UNLOCK_DELAY_DAYS + "-" + MAX_UNLOCK_DELAY_DAYS + " days"));
    }
  }

  private static void tags(
      String field, List<ResourceTag> tags, int max, List<FieldViolation> violations) {
    if (tags.size() > max) {
      violations.add(new FieldViolation(field, "at most " + max + " tags"));
    }
    for (int i = 0; i < tags.size(); i++) {
      ResourceTag tag = tags.get(i);
      String element = field + "[" + i + "]";
      if (tag.key().isEmpty() || tag.key().length() > MAX_TAG_KEY_LENGTH) {
        violations.add(
            new FieldViolation(
                element + ".key", "must be 1-" + MAX_TAG_KEY_LENGTH + " characters"));
      }
      if (tag.value().length() > MAX_TAG_VALUE_LENGTH) {
        violations.add(
            new FieldViolation(
                element + ".value", "must be at most " + MAX_TAG_VALUE_LENGTH + " characters"));
      }
      int first = tags.indexOf(tag);
      if (first < i) {
        violations.add(new FieldViolation(element, "repeats " + field + "[" + first + "]"));
      }
    }
  }
}
