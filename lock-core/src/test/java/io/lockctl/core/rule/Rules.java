package io.lockctl.core.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Fixtures and assertions shared by the rule tests. */
final class Rules {
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final String REGION = "cn-hangzhou";
  static final String ID = "Abc123XYZ00";
  static final ResourceTag PROD = new ResourceTag("env", "prod");
  static final ResourceTag DEV = new ResourceTag("env", "dev");
  static final ResourceTag KEEP_OUT = new ResourceTag("backup", "none");

  private Rules() {}

  static Instant days(long days) {
    return T0.plus(Duration.ofDays(days));
  }

  static CreateRuleCommand regionLevel() {
    return new CreateRuleCommand(
        REGION, "keep every snapshot", ResourceType.SNAPSHOT, 30, List.of(), List.of(), null);
  }

  static CreateRuleCommand lockedRegionLevel(int unlockDelayDays) {
    return new CreateRuleCommand(
        REGION,
        "keep every snapshot",
        ResourceType.SNAPSHOT,
        30,
        List.of(),
        List.of(),
        new LockConfiguration(unlockDelayDays));
  }

  static CreateRuleCommand tagLevel(ResourceTag... tags) {
    return new CreateRuleCommand(
        REGION, "keep tagged snapshots", ResourceType.SNAPSHOT, 30, List.of(tags), List.of(), null);
  }

  static CreateRuleCommand withExclusions(ResourceTag... exclusions) {
    return new CreateRuleCommand(
        REGION,
        "keep all but excluded",
        ResourceType.SNAPSHOT,
        30,
        List.of(),
        List.of(exclusions),
        null);
  }

  /** A rule created at {@link #T0} by the decision under test. */
  static RetentionRule created(CreateRuleCommand command) {
    return accepted(RuleDecisions.create(command, ID, 0, T0));
  }

  static LockRuleCommand lockCommand(int unlockDelayDays) {
    return new LockRuleCommand(REGION, ID, new LockConfiguration(unlockDelayDays));
  }

  static UpdateRuleCommand updateDescription(String description) {
    return new UpdateRuleCommand(
        REGION, ID, List.of(UpdateRuleCommand.DESCRIPTION), description, 0, List.of(), List.of());
  }

  @SuppressWarnings("unchecked")
  static <T> T accepted(Decision<T> decision) {
    Decision.Accepted<T> accepted =
        assertInstanceOf(Decision.Accepted.class, decision, () -> "refused: " + decision);
    return accepted.value();
  }

  static Rejection rejected(Decision<?> decision, Reason reason) {
    Decision.Rejected<?> rejected =
        assertInstanceOf(
            Decision.Rejected.class,
            decision,
            () -> "expected " + reason + " but accepted: " + decision);
    assertEquals(reason, rejected.rejection().reason(), rejected.rejection().message());
    return rejected.rejection();
  }

  /** Asserts an INVALID_PARAMETER naming exactly these fields. */
  static void assertInvalidFields(Decision<?> decision, String... fields) {
    Rejection rejection = rejected(decision, Reason.INVALID_PARAMETER);
    assertEquals(
        List.of(fields),
        rejection.violations().stream().map(FieldViolation::field).toList(),
        rejection.message());
  }
}
