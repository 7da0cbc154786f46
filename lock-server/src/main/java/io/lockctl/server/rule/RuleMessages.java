package io.lockctl.server.rule;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.rule.LockConfiguration;
import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RuleLockState;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.v1.RuleStatus;
import java.time.Instant;
import java.util.List;

/**
 * Retention-rule values between the domain and lockctl.v1 messages. An unspecified resource type
 * becomes {@code null}, which the domain refuses where a type is required and reads as "any" in a
 * filter. In a filter, an enum number this server does not know is refused here: the domain has no
 * value for it, and reading it as "any" would list what the caller did not ask for.
 */
public final class RuleMessages {
  private RuleMessages() {}

  /** The rule as a message, its lock state and {@code lock_end_time} computed at {@code now}. */
  public static io.lockctl.v1.RetentionRule toProto(RetentionRule rule, Instant now) {
    io.lockctl.v1.RetentionRule.Builder proto =
        io.lockctl.v1.RetentionRule.newBuilder()
            .setIdentifier(rule.identifier())
            .setRegionId(rule.regionId())
            .setDescription(rule.description())
            .setResourceType(toProto(rule.resourceType()))
            .setRetentionPeriodDays(rule.retentionPeriodDays())
            .addAllResourceTags(toProto(rule.resourceTags()))
            .addAllExcludeResourceTags(toProto(rule.excludeResourceTags()))
            .setLockState(toProto(rule.lockStateAt(now)))
            .setStatus(RuleStatus.RULE_STATUS_AVAILABLE)
            .setCreateTime(ProtoTime.toTimestamp(rule.createTime()))
            .setUpdateTime(ProtoTime.toTimestamp(rule.updateTime()));
    rule.currentLockConfiguration()
        .ifPresent(
            configuration ->
                proto.setLockConfiguration(
                    io.lockctl.v1.LockConfiguration.newBuilder()
                        .setUnlockDelayDays(configuration.unlockDelayDays())));
    rule.lockEndTimeAt(now).ifPresent(end -> proto.setLockEndTime(ProtoTime.toTimestamp(end)));
    return proto.build();
  }

  static List<ResourceTag> toDomain(List<io.lockctl.v1.ResourceTag> tags) {
    return tags.stream().map(tag -> new ResourceTag(tag.getKey(), tag.getValue())).toList();
  }

  /**
   * {@code null} when the message has no configuration (the domain decides whether one is needed).
   */
  static LockConfiguration toDomain(
      boolean present, io.lockctl.v1.LockConfiguration configuration) {
    return present ? new LockConfiguration(configuration.getUnlockDelayDays()) : null;
  }

  /** {@code null} for UNSPECIFIED or an unknown number: CreateRule's domain refuses both. */
  static ResourceType toDomain(io.lockctl.v1.ResourceType type) {
    return switch (type) {
      case RESOURCE_TYPE_SNAPSHOT -> ResourceType.SNAPSHOT;
      case RESOURCE_TYPE_IMAGE -> ResourceType.IMAGE;
      case RESOURCE_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
    };
  }

  /** ListRules' type filter: {@code null} (any) for UNSPECIFIED; an unknown number is refused. */
  static ResourceType resourceTypeFilter(io.lockctl.v1.ResourceType type) {
    if (type == io.lockctl.v1.ResourceType.UNRECOGNIZED) {
      throw unknownValue("resource_type");
    }
    return toDomain(type);
  }

  /**
   * ListRules' lock-state filter: the proto's UNSPECIFIED selects never-locked rules, not "any".
   */
  static RuleLockState lockStateFilter(io.lockctl.v1.RuleLockState state) {
    return switch (state) {
      case RULE_LOCK_STATE_UNSPECIFIED -> RuleLockState.NEVER_LOCKED;
      case RULE_LOCK_STATE_LOCKED -> RuleLockState.LOCKED;
      case RULE_LOCK_STATE_PENDING_UNLOCK -> RuleLockState.PENDING_UNLOCK;
      case RULE_LOCK_STATE_UNLOCKED -> RuleLockState.UNLOCKED;
      case UNRECOGNIZED -> throw unknownValue("lock_state");
    };
  }

  private static List<io.lockctl.v1.ResourceTag> toProto(List<ResourceTag> tags) {
    return tags.stream()
        .map(
            tag ->
                io.lockctl.v1.ResourceTag.newBuilder()
                    .setKey(tag.key())
                    .setValue(tag.value())
                    .build())
        .toList();
  }

  private static io.lockctl.v1.ResourceType toProto(ResourceType type) {
    return switch (type) {
      case SNAPSHOT -> io.lockctl.v1.ResourceType.RESOURCE_TYPE_SNAPSHOT;
      case IMAGE -> io.lockctl.v1.ResourceType.RESOURCE_TYPE_IMAGE;
    };
  }

  private static io.lockctl.v1.RuleLockState toProto(RuleLockState state) {
    return switch (state) {
      case NEVER_LOCKED -> io.lockctl.v1.RuleLockState.RULE_LOCK_STATE_UNSPECIFIED;
      case LOCKED -> io.lockctl.v1.RuleLockState.RULE_LOCK_STATE_LOCKED;
      case PENDING_UNLOCK -> io.lockctl.v1.RuleLockState.RULE_LOCK_STATE_PENDING_UNLOCK;
      case UNLOCKED -> io.lockctl.v1.RuleLockState.RULE_LOCK_STATE_UNLOCKED;
    };
  }

  private static RuntimeException unknownValue(String field) {
    return Rejection.invalidField(Reason.INVALID_PARAMETER, field, "is not a known value")
        .toException();
  }
}
