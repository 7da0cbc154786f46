package io.lockctl.server.http.rbin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockctl.core.accesskey.AccessKeyService;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.paging.Page;
import io.lockctl.core.rule.CreateRuleCommand;
import io.lockctl.core.rule.ListRulesQuery;
import io.lockctl.core.rule.LockConfiguration;
import io.lockctl.core.rule.LockRuleCommand;
import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RetentionRuleService;
import io.lockctl.core.rule.RuleLockState;
import io.lockctl.core.rule.RuleTagService;
import io.lockctl.core.rule.UnlockRuleCommand;
import io.lockctl.core.rule.UpdateRuleCommand;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.http.HttpAnswer;
import io.lockctl.server.http.HttpApi;
import io.lockctl.server.http.HttpCall;
import io.lockctl.server.http.Json;
import io.lockctl.server.http.MalformedRequestException;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Recycle Bin (service {@code rbin}, restJson1) over lockctl's retention rules, as
 * {@code @aws-sdk/client-rbin} calls it: every request signed with SigV4 by an access key, which
 * names the principal; the signing region is the rule's region. Each operation calls {@link
 * RetentionRuleService}, so it is authorised, audited and decided as the RPC of the same name.
 *
 * <p>Errors are the SDK's typed exceptions: {@code x-amzn-ErrorType} and a JSON body with {@code
 * Message} and, where rbin defines one, {@code Reason}.
 */
public final class RbinApi implements HttpApi {
  private static final String SERVICE = "rbin";
  private static final String DAYS = "DAYS";

  private static final Pattern RULE_ARN =
      Pattern.compile("^arn:aws:rbin:([a-z0-9-]+):([0-9]{12}):rule/([0-9a-zA-Z]{11})$");

  private final RetentionRuleService rules;
  private final RuleTagService ruleTags;
  private final SigV4Verifier verifier;
  private final String accountId;
  private final Clock clock;

  @Inject
  RbinApi(
      RetentionRuleService rules,
      RuleTagService ruleTags,
      AccessKeyService accessKeys,
      ServerConfig config) {
    this.rules = rules;
    this.ruleTags = ruleTags;
    this.verifier = new SigV4Verifier(SERVICE, accessKeys);
    this.accountId = config.http().accountId();
    this.clock = Clock.systemUTC();
  }

  @Override
  public boolean serves(HttpCall call) {
    String path = call.rawPath();
    return path.equals("/rules")
        || path.startsWith("/rules/")
        || path.equals("/list-rules")
        || path.startsWith("/tags/");
  }

  @Override
  public HttpAnswer tooLarge(long limitBytes) {
    return error(
        413, "ValidationException", "the body is larger than " + limitBytes + " bytes", "");
  }

  @Override
  public CompletableFuture<HttpAnswer> answer(HttpCall call) {
    SigV4Verifier.Signer signer;
    try {
      signer = verifier.verify(call, clock.instant());
    } catch (SigV4Verifier.Refused refused) {
      return done(error(refused.status(), refused.errorType(), refused.getMessage(), ""));
    }
    CompletableFuture<HttpAnswer> answer;
    try {
      answer = route(call, signer);
    } catch (RuntimeException failure) {
      answer = CompletableFuture.failedFuture(failure);
    }
    return answer.exceptionallyCompose(
        failure -> {
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof MalformedRequestException malformed) {
            return done(validation(malformed.getMessage()));
          }
          if (cause instanceof RejectedException rejected) {
            return done(toError(rejected.rejection()));
          }
          return CompletableFuture.failedFuture(cause);
        });
  }

  private CompletableFuture<HttpAnswer> route(HttpCall call, SigV4Verifier.Signer signer) {
    List<String> segments = call.pathSegments();
    String method = call.method();
    Caller caller = new Caller(signer.principal());
    String region = signer.region();
    if (segments.equals(List.of("rules"))) {
      return method.equals("POST")
          ? createRule(call, caller, region)
          : done(methodNotAllowed(method));
    }
    if (segments.equals(List.of("list-rules"))) {
      return method.equals("POST")
          ? done(listRules(call, caller, region))
          : done(methodNotAllowed(method));
    }
    if (segments.size() == 2 && segments.get(0).equals("rules")) {
      String identifier = segments.get(1);
      return switch (method) {
        case "GET" -> done(rule(200, rules.get(caller, region, identifier)));
        case "PATCH" -> updateRule(call, caller, region, identifier);
        case "DELETE" ->
            rules
                .delete(mutation(call, caller), region, identifier)
                .thenApply(deleted -> new HttpAnswer(204, Map.of(), HttpAnswer.JSON, new byte[0]));
        default -> done(methodNotAllowed(method));
      };
    }
    if (segments.size() == 3 && segments.get(0).equals("rules") && method.equals("PATCH")) {
      String identifier = segments.get(1);
      if (segments.get(2).equals("lock")) {
        ObjectNode body = Json.parseObject(call.body());
        return rules
            .lock(
                mutation(call, caller),
                new LockRuleCommand(region, identifier, lockConfiguration(body)))
            .thenApply(locked -> rule(200, locked));
      }
      if (segments.get(2).equals("unlock")) {
        return rules
            .unlock(mutation(call, caller), new UnlockRuleCommand(region, identifier))
            .thenApply(unlocking -> rule(200, unlocking));
      }
    }
    if (segments.size() == 2 && segments.get(0).equals("tags")) {
      return tags(call, caller, region, segments.get(1));
    }
    return done(
        error(
            404,
            "UnknownOperationException",
            "no rbin operation " + method + " " + call.rawPath(),
            ""));
  }

  private CompletableFuture<HttpAnswer> tags(
      HttpCall call, Caller caller, String region, String resourceArn) {
    String identifier = ruleOf(resourceArn, region);
    return switch (call.method()) {
      case "GET" -> done(tagsAnswer(ruleTags.list(caller, region, identifier)));
      case "POST" ->
          ruleTags
              .tag(mutation(call, caller), region, identifier, requestedTags(call))
              .thenApply(after -> HttpAnswer.json(201, "{}"));
      case "DELETE" ->
          ruleTags
              .untag(mutation(call, caller), region, identifier, call.queryValues("tagKeys"))
              .thenApply(after -> new HttpAnswer(204, Map.of(), HttpAnswer.JSON, new byte[0]));
      default -> done(methodNotAllowed(call.method()));
    };
  }

  private static Map<String, String> requestedTags(HttpCall call) {
    Map<String, String> tags = new LinkedHashMap<>();
    JsonNode list = Json.parseObject(call.body()).get("Tags");
    if (list == null || !list.isArray()) {
      throw new MalformedRequestException("Tags must be a list");
    }
    for (JsonNode tag : list) {
      if (!(tag instanceof ObjectNode object)) {
        throw new MalformedRequestException("a tag must be an object");
      }
      String key = text(object, "Key", null);
      if (key == null) {
        throw new MalformedRequestException("Key is required");
      }
      tags.put(key, text(object, "Value", ""));
    }
    return tags;
  }

  /** The rule a RuleArn names; an ARN of another region or account names no rule here. */
  private String ruleOf(String resourceArn, String region) {
    Matcher arn = RULE_ARN.matcher(resourceArn);
    if (!arn.matches()) {
      throw new MalformedRequestException("ResourceArn must be a retention rule's ARN");
    }
    if (!arn.group(1).equals(region) || !arn.group(2).equals(accountId)) {
      throw Rejection.of(
              Reason.RULE_NOT_FOUND,
              "no retention rule " + resourceArn + " in " + region + " of account " + accountId)
          .toException();
    }
    return arn.group(3);
  }

  private static HttpAnswer tagsAnswer(SortedMap<String, String> tags) {
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("Tags");
    tags.forEach((key, value) -> list.addObject().put("Key", key).put("Value", value));
    return HttpAnswer.json(200, out.toString());
  }

  private CompletableFuture<HttpAnswer> createRule(HttpCall call, Caller caller, String region) {
    ObjectNode body = Json.parseObject(call.body());
    CreateRuleCommand command =
        new CreateRuleCommand(
            region,
            text(body, "Description", ""),
            resourceType(text(body, "ResourceType", null)),
            retentionDays(body.get("RetentionPeriod")),
            tags(body.get("ResourceTags")),
            tags(body.get("ExcludeResourceTags")),
            body.hasNonNull("LockConfiguration") ? lockConfiguration(body) : null);
    return rules.create(mutation(call, caller), command).thenApply(created -> rule(201, created));
  }

  private CompletableFuture<HttpAnswer> updateRule(
      HttpCall call, Caller caller, String region, String identifier) {
    ObjectNode body = Json.parseObject(call.body());
    List<String> paths = new ArrayList<>();
    if (body.has("Description")) {
      paths.add(UpdateRuleCommand.DESCRIPTION);
    }
    if (body.has("RetentionPeriod")) {
      paths.add(UpdateRuleCommand.RETENTION_PERIOD_DAYS);
    }
    if (body.has("ResourceTags")) {
      paths.add(UpdateRuleCommand.RESOURCE_TAGS);
    }
    if (body.has("ExcludeResourceTags")) {
      paths.add(UpdateRuleCommand.EXCLUDE_RESOURCE_TAGS);
    }
    UpdateRuleCommand command =
        new UpdateRuleCommand(
            region,
            identifier,
            paths,
            text(body, "Description", ""),
            body.has("RetentionPeriod") ? retentionDays(body.get("RetentionPeriod")) : 0,
            tags(body.get("ResourceTags")),
            tags(body.get("ExcludeResourceTags")));
    return rules.update(mutation(call, caller), command).thenApply(updated -> rule(200, updated));
  }

  private HttpAnswer listRules(HttpCall call, Caller caller, String region) {
    ObjectNode body = Json.parseObject(call.body());
    String lockState = text(body, "LockState", null);
    int maxResults = body.has("MaxResults") ? integer(body, "MaxResults") : 0;
    if (body.has("MaxResults") && (maxResults < 1 || maxResults > 1000)) {
      return validation("MaxResults must be 1-1000");
    }
    AsOf<Page<RetentionRule>> page =
        rules.list(
            caller,
            new ListRulesQuery(
                region,
                resourceType(text(body, "ResourceType", null)),
                lockState == null ? null : lockStateFilter(lockState),
                tags(body.get("ResourceTags")),
                maxResults,
                text(body, "NextToken", "")));
    ObjectNode out = Json.object();
    ArrayNode list = out.putArray("Rules");
    for (RetentionRule rule : page.value().items()) {
      ObjectNode summary = list.addObject();
      summary.put("Identifier", rule.identifier());
      summary.put("Description", rule.description());
      summary.set("RetentionPeriod", days("RetentionPeriod", rule.retentionPeriodDays()));
      lockStateName(rule.lockStateAt(page.at())).ifPresent(name -> summary.put("LockState", name));
      summary.put("RuleArn", ruleArn(rule));
    }
    if (!page.value().nextPageToken().isEmpty()) {
      out.put("NextToken", page.value().nextPageToken());
    }
    return HttpAnswer.json(200, out.toString());
  }

  private HttpAnswer rule(int status, AsOf<RetentionRule> asOf) {
    RetentionRule rule = asOf.value();
    ObjectNode out = Json.object();
    out.put("Identifier", rule.identifier());
    out.put("Description", rule.description());
    out.put(
        "ResourceType",
        rule.resourceType() == ResourceType.SNAPSHOT ? "EBS_SNAPSHOT" : "EC2_IMAGE");
    out.set("RetentionPeriod", days("RetentionPeriod", rule.retentionPeriodDays()));
    out.set("ResourceTags", tagsJson(rule.resourceTags()));
    out.set("ExcludeResourceTags", tagsJson(rule.excludeResourceTags()));
    out.put("Status", "available");
    rule.currentLockConfiguration()
        .ifPresent(
            lock ->
                out.putObject("LockConfiguration")
                    .set("UnlockDelay", unlockDelay(lock.unlockDelayDays())));
    lockStateName(rule.lockStateAt(asOf.at())).ifPresent(name -> out.put("LockState", name));
    rule.lockEndTimeAt(asOf.at())
        .ifPresent(end -> out.put("LockEndTime", end.toEpochMilli() / 1000.0));
    out.put("RuleArn", ruleArn(rule));
    return HttpAnswer.json(status, out.toString());
  }

  private String ruleArn(RetentionRule rule) {
    return "arn:aws:rbin:" + rule.regionId() + ":" + accountId + ":rule/" + rule.identifier();
  }

  private static java.util.Optional<String> lockStateName(RuleLockState state) {
    return switch (state) {
      case NEVER_LOCKED -> java.util.Optional.empty();
      case LOCKED -> java.util.Optional.of("locked");
      case PENDING_UNLOCK -> java.util.Optional.of("pending_unlock");
      case UNLOCKED -> java.util.Optional.of("unlocked");
    };
  }

  private static RuleLockState lockStateFilter(String name) {
    return switch (name) {
      case "locked" -> RuleLockState.LOCKED;
      case "pending_unlock" -> RuleLockState.PENDING_UNLOCK;
      case "unlocked" -> RuleLockState.UNLOCKED;
      default ->
          throw new MalformedRequestException(
              "LockState must be locked, pending_unlock or unlocked");
    };
  }

  private static ResourceType resourceType(String name) {
    if (name == null) {
      throw new MalformedRequestException("ResourceType is required");
    }
    return switch (name) {
      case "EBS_SNAPSHOT" -> ResourceType.SNAPSHOT;
      case "EC2_IMAGE" -> ResourceType.IMAGE;
      default ->
          throw new MalformedRequestException("ResourceType must be EBS_SNAPSHOT or EC2_IMAGE");
    };
  }

  private static int retentionDays(JsonNode period) {
    if (!(period instanceof ObjectNode object)) {
      throw new MalformedRequestException("RetentionPeriod is required");
    }
    if (!DAYS.equals(text(object, "RetentionPeriodUnit", null))) {
      throw new MalformedRequestException("RetentionPeriodUnit must be DAYS");
    }
    return integer(object, "RetentionPeriodValue");
  }

  private static LockConfiguration lockConfiguration(ObjectNode body) {
    JsonNode lock = body.get("LockConfiguration");
    if (!(lock instanceof ObjectNode object)
        || !(object.get("UnlockDelay") instanceof ObjectNode delay)) {
      throw new MalformedRequestException("LockConfiguration.UnlockDelay is required");
    }
    if (!DAYS.equals(text(delay, "UnlockDelayUnit", null))) {
      throw new MalformedRequestException("UnlockDelayUnit must be DAYS");
    }
    return new LockConfiguration(integer(delay, "UnlockDelayValue"));
  }

  private static List<ResourceTag> tags(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new MalformedRequestException("resource tags must be a list");
    }
    List<ResourceTag> tags = new ArrayList<>();
    for (JsonNode tag : node) {
      if (!(tag instanceof ObjectNode object)) {
        throw new MalformedRequestException("a resource tag must be an object");
      }
      String key = text(object, "ResourceTagKey", null);
      if (key == null) {
        throw new MalformedRequestException("ResourceTagKey is required");
      }
      tags.add(new ResourceTag(key, text(object, "ResourceTagValue", "")));
    }
    return tags;
  }

  private static ArrayNode tagsJson(List<ResourceTag> tags) {
    ArrayNode out = Json.object().arrayNode();
    for (ResourceTag tag : tags) {
      out.addObject().put("ResourceTagKey", tag.key()).put("ResourceTagValue", tag.value());
    }
    return out;
  }

  private static ObjectNode days(String prefix, int value) {
    return Json.object().put(prefix + "Value", value).put(prefix + "Unit", DAYS);
  }

  private static ObjectNode unlockDelay(int value) {
    return Json.object().put("UnlockDelayValue", value).put("UnlockDelayUnit", DAYS);
  }

  private static String text(ObjectNode node, String field, String absent) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return absent;
    }
    if (!value.isTextual()) {
      throw new MalformedRequestException(field + " must be a string");
    }
    return value.asText();
  }

  private static int integer(ObjectNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) {
      throw new MalformedRequestException(field + " must be an integer");
    }
    return value.intValue();
  }

  /** rbin has no client token: the digest is of the request itself, for the audit record. */
  private static Mutation mutation(HttpCall call, Caller caller) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((call.method() + " " + call.rawPath() + "\n").getBytes(StandardCharsets.UTF_8));
      return new Mutation(caller, "", false, digest.digest(call.body()));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }

  private static HttpAnswer toError(Rejection rejection) {
    String message = rejection.message();
    return switch (rejection.reason()) {
      case RULE_NOT_FOUND -> error(404, "ResourceNotFoundException", message, "RULE_NOT_FOUND");
      case INVALID_RULE_STATE -> error(409, "ConflictException", message, "INVALID_RULE_STATE");
      case SERVICE_QUOTA_EXCEEDED ->
          error(402, "ServiceQuotaExceededException", message, "SERVICE_QUOTA_EXCEEDED");
      case ACCESS_DENIED, UNAUTHENTICATED -> error(403, "AccessDeniedException", message, "");
      case INVALID_PAGE_TOKEN -> error(400, "ValidationException", message, "INVALID_PAGE_TOKEN");
      default -> error(400, "ValidationException", message, "INVALID_PARAMETER_VALUE");
    };
  }

  private static HttpAnswer validation(String message) {
    return error(400, "ValidationException", message, "INVALID_PARAMETER_VALUE");
  }

  private static HttpAnswer methodNotAllowed(String method) {
    return error(405, "UnknownOperationException", "method " + method + " is not allowed here", "");
  }

  static HttpAnswer error(int status, String type, String message, String reason) {
    ObjectNode body = Json.object().put("Message", message).put("message", message);
    if (!reason.isEmpty()) {
      body.put("Reason", reason);
    }
    return HttpAnswer.json(status, Map.of("x-amzn-ErrorType", type), body.toString());
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
