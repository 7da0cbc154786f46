package io.lockctl.cli;

import io.lockctl.v1.CreateRuleRequest;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.GetRuleRequest;
import io.lockctl.v1.ListRulesRequest;
import io.lockctl.v1.LockConfiguration;
import io.lockctl.v1.LockRuleRequest;
import io.lockctl.v1.ResourceType;
import io.lockctl.v1.RetentionRuleServiceGrpc;
import io.lockctl.v1.UnlockRuleRequest;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockctl rules ...}: RetentionRuleService. */
@Command(
    name = "rules",
    description = "Retention rules and their locks (RetentionRuleService).",
    subcommands = {
      RulesCommand.Create.class,
      RulesCommand.Get.class,
      RulesCommand.ListRules.class,
      RulesCommand.Delete.class,
      RulesCommand.Lock.class,
      RulesCommand.Unlock.class,
    })
final class RulesCommand {
  private RulesCommand() {}

  @Command(name = "create", description = "Creates a retention rule (CreateRule).")
  static final class Create extends RpcCommand {
    @Mixin Region region;

    @Option(names = "--retention-days", required = true, description = "1-3650")
    int retentionDays;

    @Option(
        names = "--resource-type",
        defaultValue = "snapshot",
        description = "snapshot or image (default: ${DEFAULT-VALUE})")
    String resourceType;

    @Option(names = "--description", description = "up to 255 characters")
    String description = "";

    @Option(
        names = "--tag",
        paramLabel = "KEY=VALUE",
        description = "retain resources with this tag (a tag-level rule); repeatable")
    List<String> tags = new ArrayList<>();

    @Option(
        names = "--exclude-tag",
        paramLabel = "KEY=VALUE",
        description = "region-level rules: skip resources with this tag; repeatable")
    List<String> excludeTags = new ArrayList<>();

    @Option(
        names = "--lock-delay-days",
        paramLabel = "DAYS",
        description = "create the rule locked, with this unlock delay (7-30)")
    Integer lockDelayDays;

    @Option(names = "--dry-run", description = "check only; create nothing")
    boolean dryRun;

    @Override
    int run() {
      CreateRuleRequest.Builder request =
          CreateRuleRequest.newBuilder()
              .setRegionId(region.id())
              .setRetentionPeriodDays(retentionDays)
              .setResourceType(
                  Enums.parse(
                      ResourceType.class, "RESOURCE_TYPE_", resourceType, "--resource-type", spec))
              .setDescription(description)
              .addAllResourceTags(Tags.resourceTags(tags, spec))
              .addAllExcludeResourceTags(Tags.resourceTags(excludeTags, spec))
              .setDryRun(dryRun);
      if (lockDelayDays != null) {
        request.setLockConfiguration(
            LockConfiguration.newBuilder().setUnlockDelayDays(lockDelayDays));
      }
      return print(RetentionRuleServiceGrpc.getCreateRuleMethod(), request.build());
    }
  }

  @Command(name = "get", description = "Shows a retention rule (GetRule).")
  static final class Get extends RpcCommand {
    @Mixin Region region;

    @Parameters(paramLabel = "RULE_ID")
    String id;

    @Override
    int run() {
      return print(
          RetentionRuleServiceGrpc.getGetRuleMethod(),
          GetRuleRequest.newBuilder().setRegionId(region.id()).setIdentifier(id).build());
    }
  }

  @Command(name = "list", description = "Lists a region's retention rules (ListRules).")
  static final class ListRules extends RpcCommand {
    @Mixin Region region;

    @Mixin Paging page;

    @Override
    int run() {
      return print(
          RetentionRuleServiceGrpc.getListRulesMethod(),
          ListRulesRequest.newBuilder()
              .setRegionId(region.id())
              .setPageSize(page.size)
              .setPageToken(page.token)
              .build());
    }
  }

  @Command(name = "delete", description = "Deletes an unlocked retention rule (DeleteRule).")
  static final class Delete extends RpcCommand {
    @Mixin Region region;

    @Parameters(paramLabel = "RULE_ID")
    String id;

    @Override
    int run() {
      return print(
          RetentionRuleServiceGrpc.getDeleteRuleMethod(),
          DeleteRuleRequest.newBuilder().setRegionId(region.id()).setIdentifier(id).build());
    }
  }

  @Command(name = "lock", description = "Locks a retention rule (LockRule).")
  static final class Lock extends RpcCommand {
    @Mixin Region region;

    @Parameters(paramLabel = "RULE_ID")
    String id;

    @Option(names = "--delay-days", required = true, description = "the unlock delay, 7-30")
    int delayDays;

    @Option(names = "--dry-run", description = "check only; lock nothing")
    boolean dryRun;

    @Override
    int run() {
      return print(
          RetentionRuleServiceGrpc.getLockRuleMethod(),
          LockRuleRequest.newBuilder()
              .setRegionId(region.id())
              .setIdentifier(id)
              .setLockConfiguration(LockConfiguration.newBuilder().setUnlockDelayDays(delayDays))
              .setDryRun(dryRun)
              .build());
    }
  }

  @Command(
      name = "unlock",
      description = "Starts a locked rule's unlock delay (UnlockRule); it unlocks when it ends.")
  static final class Unlock extends RpcCommand {
    @Mixin Region region;

    @Parameters(paramLabel = "RULE_ID")
    String id;

    @Override
    int run() {
      return print(
          RetentionRuleServiceGrpc.getUnlockRuleMethod(),
          UnlockRuleRequest.newBuilder().setRegionId(region.id()).setIdentifier(id).build());
    }
  }
}
