package io.lockctl.server.http.rbin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.v1.CreateAccessKeyRequest;
import io.lockctl.v1.CreateAccessKeyResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rbin.RbinClient;
import software.amazon.awssdk.services.rbin.model.ConflictException;
import software.amazon.awssdk.services.rbin.model.CreateRuleResponse;
import software.amazon.awssdk.services.rbin.model.GetRuleResponse;
import software.amazon.awssdk.services.rbin.model.ListRulesResponse;
import software.amazon.awssdk.services.rbin.model.LockRuleResponse;
import software.amazon.awssdk.services.rbin.model.LockState;
import software.amazon.awssdk.services.rbin.model.RbinException;
import software.amazon.awssdk.services.rbin.model.ResourceNotFoundException;
import software.amazon.awssdk.services.rbin.model.ResourceTag;
import software.amazon.awssdk.services.rbin.model.ResourceType;
import software.amazon.awssdk.services.rbin.model.RetentionPeriodUnit;
import software.amazon.awssdk.services.rbin.model.RuleSummary;
import software.amazon.awssdk.services.rbin.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.rbin.model.Tag;
import software.amazon.awssdk.services.rbin.model.UnlockDelayUnit;
import software.amazon.awssdk.services.rbin.model.UnlockRuleResponse;
import software.amazon.awssdk.services.rbin.model.UpdateRuleResponse;
import software.amazon.awssdk.services.rbin.model.ValidationException;

/**
 * The AWS SDK for Java v2's own {@link RbinClient}, unchanged but for its endpoint, against the
 * HTTP edge on a real port: every operation, paging, tags, the typed exceptions it raises for
 * lockctl's refusals, and the signatures it refuses.
 */
class RbinJavaSdkTest {
  private static final Region REGION = Region.US_EAST_1;

  @RegisterExtension final InProcessLockctl lockctl = InProcessLockctl.withHttp();

  private CreateAccessKeyResponse key;
  private RbinClient rbin;

  @BeforeEach
  void signInAsAnAccessKey() {
    key =
        lockctl
            .accessKeys()
            .createAccessKey(CreateAccessKeyRequest.newBuilder().setPrincipal("ops").build());
    rbin = client(key.getAccessKey().getAccessKeyId(), key.getSecretAccessKey());
  }

  @AfterEach
  void closeClient() {
    rbin.close();
  }

  private RbinClient client(String accessKeyId, String secret) {
    return RbinClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + lockctl.httpPort()))
        .region(REGION)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  /** A rule for the snapshots tagged team=db. */
  private CreateRuleResponse createRule(String description) {
    return rbin.createRule(
        rule ->
            rule.description(description)
                .resourceType(ResourceType.EBS_SNAPSHOT)
                .retentionPeriod(
                    period ->
                        period
                            .retentionPeriodValue(7)
                            .retentionPeriodUnit(RetentionPeriodUnit.DAYS))
                .resourceTags(
                    ResourceTag.builder().resourceTagKey("team").resourceTagValue("db").build()));
  }

  @Test
  void createGetUpdateAndDeleteARule() {
    CreateRuleResponse created = createRule("nightly");
    assertEquals(11, created.identifier().length(), created.identifier());
    assertEquals(
        "arn:aws:rbin:us-east-1:000000000000:rule/" + created.identifier(), created.ruleArn());

    GetRuleResponse got = rbin.getRule(get -> get.identifier(created.identifier()));
    assertEquals("nightly", got.description());
    assertEquals(ResourceType.EBS_SNAPSHOT, got.resourceType());
    assertEquals(7, got.retentionPeriod().retentionPeriodValue());
    assertEquals("db", got.resourceTags().get(0).resourceTagValue());

    UpdateRuleResponse updated =
        rbin.updateRule(
            update ->
                update
                    .identifier(created.identifier())
                    .description("weekly")
                    .retentionPeriod(
                        period ->
                            period
                                .retentionPeriodValue(14)
                                .retentionPeriodUnit(RetentionPeriodUnit.DAYS)));
    assertEquals("weekly", updated.description());
    assertEquals(14, updated.retentionPeriod().retentionPeriodValue());

    rbin.deleteRule(delete -> delete.identifier(created.identifier()));
    ResourceNotFoundException gone =
        assertThrows(
            ResourceNotFoundException.class,
            () -> rbin.getRule(get -> get.identifier(created.identifier())));
    assertEquals(404, gone.statusCode());
  }

  @Test
  void aLockedRuleRefusesDeletionWithConflictUntilItIsUnlocked() {
    // only a region-level rule (no resource tags) can be locked
    String rule =
        rbin.createRule(
                region ->
                    region
                        .resourceType(ResourceType.EBS_SNAPSHOT)
                        .retentionPeriod(
                            period ->
                                period
                                    .retentionPeriodValue(7)
                                    .retentionPeriodUnit(RetentionPeriodUnit.DAYS)))
            .identifier();
    LockRuleResponse locked =
        rbin.lockRule(
            lock ->
                lock.identifier(rule)
                    .lockConfiguration(
                        config ->
                            config.unlockDelay(
                                delay ->
                                    delay
                                        .unlockDelayValue(7)
                                        .unlockDelayUnit(UnlockDelayUnit.DAYS))));
    assertEquals(LockState.LOCKED, locked.lockState());
    assertEquals(7, locked.lockConfiguration().unlockDelay().unlockDelayValue());

    ConflictException refused =
        assertThrows(ConflictException.class, () -> rbin.deleteRule(d -> d.identifier(rule)));
    assertEquals(409, refused.statusCode());

    UnlockRuleResponse unlocking = rbin.unlockRule(unlock -> unlock.identifier(rule));
    assertEquals(LockState.PENDING_UNLOCK, unlocking.lockState());
    assertTrue(unlocking.lockEndTime().isAfter(lockctl.now()), unlocking.lockEndTime().toString());
    assertThrows(ConflictException.class, () -> rbin.deleteRule(d -> d.identifier(rule)));
  }

  @Test
  void listRulesPagesWithNextTokenAndTheSdksPaginator() {
    Set<String> made = new HashSet<>();
    IntStream.range(0, 5).forEach(i -> made.add(createRule("rule " + i).identifier()));

    ListRulesResponse first =
        rbin.listRules(list -> list.resourceType(ResourceType.EBS_SNAPSHOT).maxResults(2));
    assertEquals(2, first.rules().size());
    assertFalse(first.nextToken() == null || first.nextToken().isEmpty());

    List<String> paged = new ArrayList<>();
    rbin.listRulesPaginator(list -> list.resourceType(ResourceType.EBS_SNAPSHOT).maxResults(2))
        .rules()
        .forEach(summary -> paged.add(summary.identifier()));
    assertEquals(5, paged.size(), paged.toString());
    assertEquals(made, new HashSet<>(paged));

    ListRulesResponse images = rbin.listRules(list -> list.resourceType(ResourceType.EC2_IMAGE));
    assertEquals(List.<RuleSummary>of(), images.rules());

    ValidationException badToken =
        assertThrows(
            ValidationException.class,
            () ->
                rbin.listRules(
                    list -> list.resourceType(ResourceType.EBS_SNAPSHOT).nextToken("forged")));
    assertEquals(400, badToken.statusCode());
  }

  @Test
  void tagsAreAddedListedAndRemovedUpToTheQuota() {
    String arn = createRule("tagged").ruleArn();
    rbin.tagResource(
        tag ->
            tag.resourceArn(arn)
                .tags(
                    Tag.builder().key("env").value("prod").build(),
                    Tag.builder().key("a").build()));
    Map<String, String> tags =
        rbin.listTagsForResource(list -> list.resourceArn(arn)).tags().stream()
            .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> a, TreeMap::new));
    assertEquals(Map.of("a", "", "env", "prod"), tags);

    rbin.untagResource(untag -> untag.resourceArn(arn).tagKeys("a"));
    assertEquals(
        List.of(Tag.builder().key("env").value("prod").build()),
        rbin.listTagsForResource(list -> list.resourceArn(arn)).tags());

    List<Tag> tooMany =
        IntStream.range(0, 50)
            .mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
            .toList();
    ServiceQuotaExceededException quota =
        assertThrows(
            ServiceQuotaExceededException.class,
            () -> rbin.tagResource(tag -> tag.resourceArn(arn).tags(tooMany)));
    assertEquals(402, quota.statusCode());
    assertEquals(1, rbin.listTagsForResource(list -> list.resourceArn(arn)).tags().size());

    String otherAccount = arn.replace(":000000000000:", ":111111111111:");
    assertThrows(
        ResourceNotFoundException.class,
        () -> rbin.listTagsForResource(list -> list.resourceArn(otherAccount)));
  }

  @Test
  void invalidRequestsRaiseValidationException() {
    ValidationException tooShort =
        assertThrows(
            ValidationException.class,
            () ->
                rbin.createRule(
                    rule ->
                        rule.resourceType(ResourceType.EBS_SNAPSHOT)
                            .retentionPeriod(
                                period ->
                                    period
                                        .retentionPeriodValue(0)
                                        .retentionPeriodUnit(RetentionPeriodUnit.DAYS))));
    assertEquals(400, tooShort.statusCode());
    assertEquals(
        0, rbin.listRules(list -> list.resourceType(ResourceType.EBS_SNAPSHOT)).rules().size());
  }

  @Test
  void aWrongSecretAndAnUnknownKeyAreRefused() {
    try (RbinClient wrongSecret =
        client(key.getAccessKey().getAccessKeyId(), key.getSecretAccessKey() + "x")) {
      RbinException refused =
          assertThrows(
              RbinException.class,
              () -> wrongSecret.listRules(list -> list.resourceType(ResourceType.EBS_SNAPSHOT)));
      assertEquals(403, refused.statusCode());
      assertEquals("InvalidSignatureException", refused.awsErrorDetails().errorCode());
    }
    try (RbinClient unknown = client("LCAKUNKNOWNKEY00000", key.getSecretAccessKey())) {
      SdkServiceException refused =
          assertThrows(
              RbinException.class,
              () -> unknown.listRules(list -> list.resourceType(ResourceType.EBS_SNAPSHOT)));
      assertEquals(403, refused.statusCode());
      assertEquals(
          "UnrecognizedClientException", ((RbinException) refused).awsErrorDetails().errorCode());
    }
  }
}
