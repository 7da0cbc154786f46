package io.lockctl.core.rule;

import io.lockctl.core.audit.ResourceState;
import io.lockctl.core.idempotency.BinaryReader;
import io.lockctl.core.idempotency.BinaryWriter;
import io.lockctl.core.idempotency.ResultCodec;
import io.lockctl.core.operation.AsOf;
import java.util.List;

/** How a rule operation's result is remembered: the rule, as of the instant it was answered. */
public final class RuleCodec {
  static final ResultCodec<AsOf<RetentionRule>> RULE =
      AsOf.codec(RuleCodec::writeRule, RuleCodec::readRule);

  /** The kind of {@link #state}: a rule written by {@link #writeRule}. */
  public static final String KIND = "rule";

  private RuleCodec() {}

  /** The rule as a mutation left it; {@code null} for a deleted rule. */
  static ResourceState state(RetentionRule rule) {
    if (rule == null) {
      return new ResourceState(KIND, new byte[0]);
    }
    BinaryWriter out = new BinaryWriter();
    writeRule(rule, out);
    return new ResourceState(KIND, out.toByteArray());
  }

  private static void writeRule(RetentionRule rule, BinaryWriter out) {
    out.writeString(rule.identifier())
        .writeString(rule.regionId())
        .writeString(rule.description())
        .writeEnum(rule.resourceType())
        .writeInt(rule.retentionPeriodDays());
    writeTags(rule.resourceTags(), out);
    writeTags(rule.excludeResourceTags(), out);
    out.writeNullable(
            rule.lockConfiguration(),
            configuration -> out.writeInt(configuration.unlockDelayDays()))
        .writeInstant(rule.lockEndTime())
        .writeInstant(rule.createTime())
        .writeInstant(rule.updateTime());
  }

  public static RetentionRule readRule(BinaryReader in) {
    // Arguments are evaluated left to right, so each is read in the order writeRule wrote it.
    return new RetentionRule(
        in.readString(),
        in.readString(),
        in.readString(),
        in.readEnum(ResourceType.class),
        in.readInt(),
        readTags(in),
        readTags(in),
        in.readNullable(reader -> new LockConfiguration(reader.readInt())),
        in.readInstant(),
        in.readInstant(),
        in.readInstant());
  }

  private static void writeTags(List<ResourceTag> tags, BinaryWriter out) {
    out.writeList(tags, (tag, writer) -> writer.writeString(tag.key()).writeString(tag.value()));
  }

  private static List<ResourceTag> readTags(BinaryReader in) {
    return in.readList(reader -> new ResourceTag(reader.readString(), reader.readString()));
  }
}
