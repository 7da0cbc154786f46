package io.lockctl.server.http.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockctl.core.accesskey.AccessKeyService;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.snapshot.DescribeLockedSnapshotsQuery;
import io.lockctl.core.snapshot.ListSnapshotsQuery;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockStatus;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.RequestedMode;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotLock;
import io.lockctl.core.snapshot.SnapshotService;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.snapshotlock.LockSnapshotCommand;
import io.lockctl.core.snapshotlock.SnapshotLockService;
import io.lockctl.core.snapshotlock.UnlockSnapshotCommand;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.http.Digests;
import io.lockctl.server.http.HttpAnswer;
import io.lockctl.server.http.HttpApi;
import io.lockctl.server.http.HttpCall;
import io.lockctl.server.http.Json;
import io.lockctl.server.http.MalformedRequestException;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * Alibaba Cloud ECS, API version 2014-05-26, RPC style, as {@code @alicloud/ecs20140526} calls it:
 * the action in {@code x-acs-action} (or the {@code Action} parameter), the parameters in the query
 * or a form body, signed with ACS3-HMAC-SHA256 by an access key whose principal the call acts as.
 * LockSnapshot, UnlockSnapshot and DescribeLockedSnapshots run {@link SnapshotLockService};
 * DescribeSnapshots and DeleteSnapshot run {@link SnapshotService}: the same checks, policy and
 * audit as the gRPC RPCs of those names.
 *
 * <p>Every answer carries a {@code RequestId}. Errors are Alibaba's JSON ({@code Code}, {@code
 * Message}, {@code RequestId}) with the seed's codes and statuses; a dry run that passes answers
 * {@code DryRunOperation} (400), as ECS does. Times are ISO 8601 UTC to the second.
 */
public final class EcsApi implements HttpApi {
  static final String VERSION = "2014-05-26";

  /** ECS's PageSize: 10 unless given, 100 at most. */
  private static final int DEFAULT_PAGE_SIZE = 10;

  private static final int MAX_PAGE_SIZE = 100;

  private final SnapshotLockService locks;
  private final SnapshotService snapshots;
  private final Acs3Verifier verifier;
  private final String defaultRegion;
  private final Clock clock = Clock.systemUTC();

  @Inject
  EcsApi(
      SnapshotLockService locks,
      SnapshotService snapshots,
      AccessKeyService accessKeys,
      ServerConfig config) {
    this.locks = locks;
    this.snapshots = snapshots;
    this.verifier = new Acs3Verifier(accessKeys);
    this.defaultRegion = config.http().ecsRegion();
  }

  @Override
  public boolean serves(HttpCall call) {
    return call.rawPath().equals("/")
        && (call.header("x-acs-action") != null || call.rawQuery().contains("Action="));
  }

  @Override
  public HttpAnswer tooLarge(long limitBytes) {
    return error(
        413,
        "RequestEntityTooLarge",
        "the body is larger than " + limitBytes + " bytes",
        newRequestId());
  }

  @Override
  public CompletableFuture<HttpAnswer> answer(HttpCall call) {
    String requestId = newRequestId();
    String principal;
    try {
      principal = verifier.verify(call, clock.instant());
    } catch (Acs3Verifier.Refused refused) {
      return done(error(refused.status(), refused.code(), refused.getMessage(), requestId));
    }
    CompletableFuture<HttpAnswer> answer;
    try {
      answer = route(call, new Caller(principal), requestId);
    } catch (RuntimeException failure) {
      answer = CompletableFuture.failedFuture(failure);
    }
    return answer.exceptionallyCompose(
        failure -> {
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof MalformedRequestException malformed) {
            return done(error(400, "InvalidParameter", malformed.getMessage(), requestId));
          }
          if (cause instanceof RejectedException rejected) {
            return done(toError(rejected.rejection(), requestId));
          }
          return CompletableFuture.failedFuture(cause);
        });
  }

  private CompletableFuture<HttpAnswer> route(HttpCall call, Caller caller, String requestId) {
    if (!call.method().equals("POST") && !call.method().equals("GET")) {
      return done(error(405, "UnsupportedHTTPMethod", "use POST or GET", requestId));
    }
    Map<String, String> parameters = parameters(call);
    String action =
        call.header("x-acs-action") != null
            ? call.header("x-acs-action")
            : parameters.get("Action");
    String version =
        call.header("x-acs-version") != null
            ? call.header("x-acs-version")
            : parameters.get("Version");
    if (!VERSION.equals(version)) {
      return done(
          error(
              400,
              "InvalidVersion",
              "Specified parameter Version is not valid: use " + VERSION,
              requestId));
    }
    Request request = new Request(parameters, caller, requestId);
    return switch (action) {
      case "LockSnapshot" -> lockSnapshot(request);
      case "UnlockSnapshot" -> unlockSnapshot(request);
      case "DescribeLockedSnapshots" -> done(describeLockedSnapshots(request));
      case "DescribeSnapshots" -> done(describeSnapshots(request));
      case "DeleteSnapshot" -> deleteSnapshot(request);
      default ->
          done(
              error(
                  404,
                  "InvalidAction.NotFound",
                  "Specified api is not found, please check your url and method.",
                  requestId));
    };
  }

  /** One call's parameters, principal and request id. */
  private record Request(Map<String, String> parameters, Caller caller, String requestId) {
    String required(String name) {
      String value = parameters.get(name);
      if (value == null || value.isEmpty()) {
        throw new MalformedRequestException(
            "The input parameter \""
                + name
                + "\" that is mandatory for processing this request is not supplied.");
      }
      return value;
    }

    String optional(String name, String absent) {
      return parameters.getOrDefault(name, absent);
    }

    int integer(String name, int absent) {
      String value = parameters.get(name);
      if (value == null) {
        return absent;
      }
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException notANumber) {
        throw new MalformedRequestException(
            "The specified parameter \"" + name + "\" is not an integer.");
      }
    }

    boolean dryRun() {
      String value = parameters.getOrDefault("DryRun", "false");
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw new MalformedRequestException("DryRun must be true or false");
      };
    }

    /**
     * The mutation as lock-core sees it: the digest covers every parameter but the token and the
     * dry-run flag (and the caller's owner fields, which lockctl ignores), so a replayed token with
     * the same parameters is the same request.
     */
    Mutation mutation(String action) {
      SortedMap<String, String> meaningful = new TreeMap<>(parameters);
      meaningful
          .keySet()
          .removeIf(
              name ->
                  name.equals("ClientToken")
                      || name.equals("DryRun")
                      || name.startsWith("Owner")
                      || name.startsWith("ResourceOwner"));
      StringBuilder canonical = new StringBuilder(action);
      meaningful.forEach(
          (name, value) -> canonical.append('\n').append(name).append('=').append(value));
      return new Mutation(
          caller,
          optional("ClientToken", ""),
          dryRun(),
          Digests.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }
  }

  private CompletableFuture<HttpAnswer> lockSnapshot(Request request) {
    RequestedMode mode =
        switch (request.required("LockMode")) {
          case "compliance" -> LockMode.COMPLIANCE;
          default -> RequestedMode.UNRECOGNIZED;
        };
    LockSnapshotCommand command =
        new LockSnapshotCommand(
            request.required("RegionId"),
            request.required("SnapshotId"),
            mode,
            new LockTerm.Days(request.integer("LockDuration", 0)),
            request.integer("CoolOffPeriod", 0),
            "");
    Mutation mutation = request.mutation("LockSnapshot");
    return locks
        .lock(mutation, command)
        .thenApply(
            locked -> {
              if (mutation.dryRun()) {
                return dryRunPassed(request.requestId());
              }
              ObjectNode out = Json.object().put("RequestId", request.requestId());
              out.set(
                  "LockedSnapshotInfo",
                  lockInfo(locked.value().snapshotId(), locked.value().lock(), locked.at()));
              return HttpAnswer.json(200, out.toString());
            });
  }

  private CompletableFuture<HttpAnswer> unlockSnapshot(Request request) {
    Mutation mutation = request.mutation("UnlockSnapshot");
    return locks
        .unlock(
            mutation,
            new UnlockSnapshotCommand(
                request.required("RegionId"), request.required("SnapshotId"), ""))
        .thenApply(
            unlocked ->
                mutation.dryRun()
                    ? dryRunPassed(request.requestId())
                    : requestIdOnly(request.requestId()));
  }

  private HttpAnswer describeLockedSnapshots(Request request) {
    String status = request.optional("LockStatus", null);
    AsOf<Page<LockedSnapshot>> page =
        locks.describeLocked(
            request.caller(),
            new DescribeLockedSnapshotsQuery(
                request.required("RegionId"),
                listed(request, "SnapshotIds"),
                status == null ? null : lockStatus(status),
                request.integer("MaxResults", 0),
                request.optional("NextToken", "")));
    ObjectNode out = Json.object().put("RequestId", request.requestId());
    ArrayNode infos = out.putArray("LockedSnapshotsInfo");
    for (LockedSnapshot locked : page.value().items()) {
      infos.add(lockInfo(locked.snapshotId(), locked.lock(), page.at()));
    }
    out.put("NextToken", page.value().nextPageToken());
    return HttpAnswer.json(200, out.toString());
  }

  /**
   * DescribeSnapshots: by {@code SnapshotIds}, or a page of the region by {@code NextToken}/{@code
   * MaxResults}, or by {@code PageNumber}/{@code PageSize} (ECS's older paging, with the total
   * count); filtered by {@code Status}, one {@code Tag}, and {@code SnapshotName}, which no lockctl
   * snapshot has, so it matches none.
   */
  private HttpAnswer describeSnapshots(Request request) {
    String region = request.required("RegionId");
    List<String> ids = listed(request, "SnapshotIds");
    Predicate<Snapshot> wanted = describedStatus(request.optional("Status", "all"));
    if (!request.optional("SnapshotName", "").isEmpty()) {
      wanted = snapshot -> false;
    }
    if (request.parameters().containsKey("Tag.2.Key")) {
      throw new MalformedRequestException("lockctl filters DescribeSnapshots by one Tag at most");
    }
    String tagKey = request.optional("Tag.1.Key", "");
    String tagValue = request.parameters().get("Tag.1.Value");
    boolean numberedPages =
        (request.parameters().containsKey("PageNumber")
                || request.parameters().containsKey("PageSize"))
            && !request.parameters().containsKey("NextToken")
            && !request.parameters().containsKey("MaxResults");
    List<Snapshot> found = new ArrayList<>();
    Instant at;
    String next = "";
    int total;
    if (!ids.isEmpty()) {
      at = null;
      for (String id : ids) {
        try {
          AsOf<Snapshot> snapshot = snapshots.get(request.caller(), region, id);
          found.add(snapshot.value());
          at = snapshot.at();
        } catch (RejectedException missing) {
          if (missing.reason() != io.lockctl.core.error.Reason.SNAPSHOT_NOT_FOUND) {
            throw missing;
          }
        }
      }
      found.removeIf(
          wanted.and(snapshot -> tagKey.isEmpty() || hasTag(snapshot, tagKey, tagValue)).negate());
      total = found.size();
    } else if (numberedPages) {
      int pageNumber = request.integer("PageNumber", 1);
      int pageSize = request.integer("PageSize", DEFAULT_PAGE_SIZE);
      if (pageNumber < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
        throw new MalformedRequestException(
            "PageNumber must be 1 or more and PageSize 1 to " + MAX_PAGE_SIZE);
      }
      // the total is asked for, so the whole region is read, a store page at a time
      List<Snapshot> matching = new ArrayList<>();
      String token = "";
      do {
        AsOf<Page<Snapshot>> page =
            snapshots.list(
                request.caller(),
                new ListSnapshotsQuery(
                    region, null, false, tagKey, tagValue, PageRequest.MAX_SIZE, token));
        page.value().items().stream().filter(wanted).forEach(matching::add);
        at = page.at();
        token = page.value().nextPageToken();
      } while (!token.isEmpty());
      total = matching.size();
      long skip = (long) (pageNumber - 1) * pageSize;
      matching.stream().skip(skip).limit(pageSize).forEach(found::add);
    } else {
      AsOf<Page<Snapshot>> page =
          snapshots.list(
              request.caller(),
              new ListSnapshotsQuery(
                  region,
                  null,
                  false,
                  tagKey,
                  tagValue,
                  request.integer("MaxResults", 0),
                  request.optional("NextToken", "")));
      page.value().items().stream().filter(wanted).forEach(found::add);
      at = page.at();
      next = page.value().nextPageToken();
      total = found.size();
    }
    ObjectNode out = Json.object().put("RequestId", request.requestId());
    out.put("TotalCount", total);
    out.put("NextToken", next);
    if (numberedPages && ids.isEmpty()) {
      out.put("PageNumber", request.integer("PageNumber", 1));
      out.put("PageSize", request.integer("PageSize", DEFAULT_PAGE_SIZE));
    }
    ArrayNode list = out.putObject("Snapshots").putArray("Snapshot");
    for (Snapshot snapshot : found) {
      ObjectNode entry = list.addObject();
      entry.put("SnapshotId", snapshot.snapshotId());
      entry.put("Status", snapshot.status().name().toLowerCase(Locale.ROOT));
      entry.put("RetentionDays", snapshot.retentionDays());
      entry.put("CreationTime", time(snapshot.createTime()));
      entry.put("Available", snapshot.status().name().equals("ACCOMPLISHED"));
      if (snapshot.lock() != null && at != null) {
        entry.put("LockStatus", statusName(snapshot.lock().statusAt(at)));
      }
      ArrayNode tags = entry.putObject("Tags").putArray("Tag");
      new TreeMap<>(snapshot.tags())
          .forEach((key, value) -> tags.addObject().put("TagKey", key).put("TagValue", value));
    }
    return HttpAnswer.json(200, out.toString());
  }

  private static Predicate<Snapshot> describedStatus(String status) {
    return switch (status) {
      case "all" -> snapshot -> true;
      case "progressing" -> snapshot -> snapshot.status() == SnapshotStatus.PROGRESSING;
      case "accomplished" -> snapshot -> snapshot.status() == SnapshotStatus.ACCOMPLISHED;
      case "failed" -> snapshot -> snapshot.status() == SnapshotStatus.FAILED;
      default ->
          throw new MalformedRequestException(
              "Status must be progressing, accomplished, failed or all");
    };
  }

  private static boolean hasTag(Snapshot snapshot, String key, String value) {
    String actual = snapshot.tags().get(key);
    return actual != null && (value == null || value.equals(actual));
  }

  private CompletableFuture<HttpAnswer> deleteSnapshot(Request request) {
    Mutation mutation = request.mutation("DeleteSnapshot");
    return snapshots
        .delete(
            mutation, request.optional("RegionId", defaultRegion), request.required("SnapshotId"))
        .thenApply(
            deleted ->
                mutation.dryRun()
                    ? dryRunPassed(request.requestId())
                    : requestIdOnly(request.requestId()));
  }

  /**
   * A list parameter: a JSON array ({@code ["s-1"]}, as DescribeSnapshots takes it) or {@code
   * Name.1}, {@code Name.2}, ....
   */
  private static List<String> listed(Request request, String name) {
    List<String> values = new ArrayList<>();
    String json = request.parameters().get(name);
    if (json != null && !json.isEmpty()) {
      JsonNode array;
      try {
        array = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      } catch (com.fasterxml.jackson.core.JsonProcessingException malformed) {
        throw new MalformedRequestException(name + " must be a JSON array of ids");
      }
      if (!array.isArray()) {
        throw new MalformedRequestException(name + " must be a JSON array of ids");
      }
      array.forEach(id -> values.add(id.asText()));
    }
    for (int i = 1; request.parameters().containsKey(name + "." + i); i++) {
      values.add(request.parameters().get(name + "." + i));
    }
    return values;
  }

  private static ObjectNode lockInfo(String snapshotId, SnapshotLock lock, Instant now) {
    ObjectNode info = Json.object();
    info.put("SnapshotId", snapshotId);
    info.put("LockMode", lock.mode().name().toLowerCase(Locale.ROOT));
    info.put("LockStatus", statusName(lock.statusAt(now)));
    info.put("LockCreationTime", time(lock.creationTime()));
    info.put("CoolOffPeriod", lock.coolOffHours());
    lock.coolOffEndTime().ifPresent(end -> info.put("CoolOffPeriodExpiredTime", time(end)));
    if (lock.term() instanceof LockTerm.Days days) {
      info.put("LockDuration", days.days());
    }
    if (lock.durationStartTime() != null) {
      info.put("LockDurationStartTime", time(lock.durationStartTime()));
    }
    lock.expireTime().ifPresent(end -> info.put("LockExpiredTime", time(end)));
    return info;
  }

  private static String statusName(LockStatus status) {
    return switch (status) {
      case COMPLIANCE_COOLOFF -> "compliance-cooloff";
      case COMPLIANCE -> "compliance";
      case GOVERNANCE -> "governance";
      case KEY -> "key";
      case EXPIRED -> "expired";
    };
  }

  private static LockStatus lockStatus(String name) {
    return switch (name) {
      case "compliance-cooloff" -> LockStatus.COMPLIANCE_COOLOFF;
      case "compliance" -> LockStatus.COMPLIANCE;
      case "governance" -> LockStatus.GOVERNANCE;
      case "key" -> LockStatus.KEY;
      case "expired" -> LockStatus.EXPIRED;
      default ->
          throw new MalformedRequestException(
              "LockStatus must be compliance-cooloff, compliance or expired");
    };
  }

  private static String time(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The query's parameters, and a form body's (the SDK sends RPC parameters in the query). */
  private static Map<String, String> parameters(HttpCall call) {
    Map<String, String> parameters = new TreeMap<>(call.queryParameters());
    String contentType = call.header("content-type");
    if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
      HttpCall.formParameters(call.bodyText()).forEach(parameters::putIfAbsent);
    }
    return parameters;
  }

  private static HttpAnswer toError(Rejection rejection, String requestId) {
    String message = rejection.message();
    return switch (rejection.reason()) {
      case INVALID_LOCK_MODE ->
          error(
              400,
              "InvalidLockMode.Malformed",
              "The specified parameter LockMode is invalid. Please check the valid range for this parameter.",
              requestId);
      case INVALID_LOCK_DURATION -> error(400, "InvalidLockDuration.Malformed", message, requestId);
      case INVALID_COOL_OFF_PERIOD ->
          error(400, "InvalidCoolOffPeriod.Malformed", message, requestId);
      case LOCK_DURATION_EXCEEDS_RETENTION ->
          error(
              400,
              "InvalidLockDuration.ExceedRetentionDays",
              "The specified parameter LockDuration is invalid. The LockDuration should be less than the snapshot RetentionDays.",
              requestId);
      case COOL_OFF_EXCEEDS_LOCK_DURATION ->
          error(
              400,
              "InvalidCoolOffPeriod.ExceedLockDuration",
              "The specified parameter CoolOffPeriod is invalid. The CoolOffPeriod should be less than the LockDuration.",
              requestId);
      case SNAPSHOT_NOT_AVAILABLE ->
          error(
              403,
              "InvalidOperation.SnapshotNotAvailable",
              "The unavailable snapshot does not support locking.",
              requestId);
      case RESOURCE_MANAGED_BY_PRODUCT ->
          error(403, "InvalidOperation.ResourceManagedByCloudProduct", message, requestId);
      case SHARED_SNAPSHOT_UNSUPPORTED ->
          error(
              403,
              "InvalidOperation.LockSharedSnapshotUnsupported",
              "The shared snapshot does not support locking.",
              requestId);
      case COOL_OFF_PERIOD_EXPIRED ->
          error(
              403,
              "InvalidOperation.CoolOffPeriodExpired",
              "The snapshot is locked in compliance mode, and the cool-off period has expired. The current operation is not supported.",
              requestId);
      case SNAPSHOT_NOT_FOUND ->
          error(
              404, "InvalidSnapshotId.NotFound", "The specified snapshot is not found", requestId);
      case SNAPSHOT_NOT_LOCKED -> error(404, "InvalidSnapshotLock.NotFound", message, requestId);
      case SNAPSHOT_LOCKED -> error(403, "InvalidOperation.SnapshotLocked", message, requestId);
      case IDEMPOTENT_PARAMETER_MISMATCH ->
          error(400, "IdempotentParameterMismatch", message, requestId);
      case INVALID_PAGE_TOKEN -> error(400, "InvalidParameter.NextToken", message, requestId);
      case ACCESS_DENIED, UNAUTHENTICATED -> error(403, "Forbidden.RAM", message, requestId);
      default ->
          switch (rejection.reason().code()) {
            case INVALID_ARGUMENT -> error(400, "InvalidParameter", message, requestId);
            case NOT_FOUND -> error(404, "InvalidResource.NotFound", message, requestId);
            default -> error(403, "InvalidOperation", message, requestId);
          };
    };
  }

  private static HttpAnswer dryRunPassed(String requestId) {
    return error(
        400,
        "DryRunOperation",
        "Request validation has been passed with DryRun flag set.",
        requestId);
  }

  private static HttpAnswer requestIdOnly(String requestId) {
    return HttpAnswer.json(200, Json.object("RequestId", requestId).toString());
  }

  static HttpAnswer error(int status, String code, String message, String requestId) {
    ObjectNode body =
        Json.object()
            .put("RequestId", requestId)
            .put("HostId", "lockctl")
            .put("Code", code)
            .put("Message", message);
    return HttpAnswer.json(status, body.toString());
  }

  private static String newRequestId() {
    return UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
