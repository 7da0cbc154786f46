package io.lockctl.core.rule;

import static io.lockctl.core.rule.Rules.ID;
import static io.lockctl.core.rule.Rules.PROD;
import static io.lockctl.core.rule.Rules.REGION;
import static io.lockctl.core.rule.Rules.T0;
import static io.lockctl.core.rule.Rules.accepted;
import static io.lockctl.core.rule.Rules.assertInvalidFields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every field limit of retention_rule.proto, at and just past each bound, with its field violation.
 */
class RuleValidationTest {

  private static CreateRuleCommand create(
      String description,
      int retentionDays,
      List<ResourceTag> resourceTags,
      List<ResourceTag> excludeResourceTags) {
    return new CreateRuleCommand(
        REGION,
        description,
        ResourceType.SNAPSHOT,
        retentionDays,
        resourceTags,
        excludeResourceTags,
        null);
  }

  private static List<ResourceTag> tags(int count) {
    return IntStream.range(0, count).mapToObj(i -> new ResourceTag("k" + i, "v")).toList();
  }

  private static void assertValid(CreateRuleCommand command) {
    accepted(RuleDecisions.create(command, ID, 0, T0));
  }

  private static void assertInvalid(CreateRuleCommand command, String... fields) {
    assertInvalidFields(RuleDecisions.create(command, ID, 0, T0), fields);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a", "with spaces and symbols !@#$%^&*()", "é ü 漢字"})
  void descriptionsWithoutTabsOrLineBreaksAreValid(String description) {
    assertValid(create(description, 1, List.of(), List.of()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tab\there", "line\nbreak", "carriage\rreturn"})
  void descriptionsWithOtherWhitespaceAreInvalid(String description) {
    assertInvalid(create(description, 1, List.of(), List.of()), "description");
  }

  @Test
  void descriptionIsAtMost255Characters() {
    assertValid(create("d".repeat(255), 1, List.of(), List.of()));
    assertInvalid(create("d".repeat(256), 1, List.of(), List.of()), "description");
  }

  @Test
  void retentionIsOneTo3650Days() {
    assertInvalid(create("", 0, List.of(), List.of()), "retention_period_days");
    assertValid(create("", 1, List.of(), List.of()));
    assertValid(create("", 3650, List.of(), List.of()));
    assertInvalid(create("", 3651, List.of(), List.of()), "retention_period_days");
    assertInvalid(create("", -1, List.of(), List.of()), "retention_period_days");
  }

  @Test
  void resourceTypeIsRequired() {
    assertInvalid(
        new CreateRuleCommand(REGION, "", null, 1, List.of(), List.of(), null), "resource_type");
  }

  @Test
  void regionIdMustBeWellFormed() {
    assertInvalid(
        new CreateRuleCommand(
            "CN_Hangzhou", "", ResourceType.SNAPSHOT, 1, List.of(), List.of(), null),
        "region_id");
  }

  @Test
  void atMost50ResourceTags() {
    assertValid(create("", 1, tags(50), List.of()));
    assertInvalid(create("", 1, tags(51), List.of()), "resource_tags");
  }

  @Test
  void atMost5ExclusionTags() {
    assertValid(create("", 1, List.of(), tags(5)));
    assertInvalid(create("", 1, List.of(), tags(6)), "exclude_resource_tags");
  }

  @Test
  void tagKeysAreOneTo128Characters() {
    assertValid(create("", 1, List.of(new ResourceTag("k".repeat(128), "v")), List.of()));
    assertInvalid(
        create("", 1, List.of(PROD, new ResourceTag("", "v")), List.of()), "resource_tags[1].key");
    assertInvalid(
        create("", 1, List.of(), List.of(new ResourceTag("k".repeat(129), "v"))),
        "exclude_resource_tags[0].key");
  }

  @Test
  void tagValuesAreZeroTo256Characters() {
    assertValid(create("", 1, List.of(new ResourceTag("k", "")), List.of()));
    assertValid(create("", 1, List.of(new ResourceTag("k", "v".repeat(256))), List.of()));
    assertInvalid(
        create("", 1, List.of(new ResourceTag("k", "v".repeat(257))), List.of()),
        "resource_tags[0].value");
  }

  @Test
  void aTagMayNotBeRepeated() {
    assertValid(create("", 1, List.of(PROD, new ResourceTag("env", "dev")), List.of()));
    assertInvalid(
        create("", 1, List.of(PROD, new ResourceTag("x", "y"), PROD), List.of()),
        "resource_tags[2]");
  }

  @Test
  void unlockDelayIsSevenToThirtyDaysOnCreateToo() {
    assertInvalidFields(
        RuleDecisions.create(
            new CreateRuleCommand(
                REGION,
                "",
                ResourceType.SNAPSHOT,
                1,
                List.of(),
                List.of(),
                new LockConfiguration(31)),
            ID,
            0,
            T0),
        "lock_configuration.unlock_delay_days");
  }

  @Test
  void everyViolationIsReportedAtOnceInFieldOrder() {
    CreateRuleCommand command =
        new CreateRuleCommand(
            "",
            "\t",
            null,
            0,
            Collections.nCopies(2, PROD),
            List.of(new ResourceTag("", "")),
            new LockConfiguration(0));

    assertInvalid(
        command,
        "region_id",
        "description",
        "resource_type",
        "retention_period_days",
        "resource_tags[1]",
        "exclude_resource_tags[0].key",
        "exclude_resource_tags",
        "lock_configuration.unlock_delay_days");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Abc123XYZ0", "Abc123XYZ000", "abc-123_XYZ", "Abc123XYZ0é"})
  void identifiersAreElevenAlphanumerics(String identifier) {
    Optional<Rejection> rejection = RuleValidation.reference(REGION, identifier);

    assertEquals(Reason.INVALID_PARAMETER, rejection.orElseThrow().reason());
    assertEquals(
        List.of("identifier"),
        rejection.get().violations().stream().map(FieldViolation::field).toList());
  }

  @Test
  void aWellFormedReferenceIsValid() {
    assertEquals(Optional.empty(), RuleValidation.reference(REGION, "0aZ9bY8cX7d"));
  }

  @Test
  void updatedFieldsAreValidatedUnderTheRulePrefix() {
    RetentionRule rule = Rules.created(Rules.regionLevel());
    UpdateRuleCommand command =
        new UpdateRuleCommand(
            REGION,
            ID,
            List.of(
                UpdateRuleCommand.DESCRIPTION,
                UpdateRuleCommand.RETENTION_PERIOD_DAYS,
                UpdateRuleCommand.RESOURCE_TAGS,
                UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS),
            "d".repeat(256),
            3651,
            tags(51),
            tags(6));

    assertInvalidFields(
        RuleDecisions.update(rule, command, T0),
        "rule.description",
        "rule.retention_period_days",
        "rule.resource_tags",
        "rule.exclude_resource_tags");
  }

  @Test
  void listFiltersAreValidated() {
    ListRulesQuery query =
        new ListRulesQuery("x", null, null, List.of(new ResourceTag("", "")), 0, "");

    assertEquals(
        List.of("region_id", "resource_tags[0].key"),
        RuleValidation.list(query).orElseThrow().violations().stream()
            .map(FieldViolation::field)
            .toList());
  }
}
