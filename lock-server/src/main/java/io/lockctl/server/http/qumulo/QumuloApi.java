package io.lockctl.server.http.qumulo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lockctl.core.accesskey.AccessKeyService;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.replication.ReplicationService;
import io.lockctl.core.replication.SetTargetRelationshipLockCommand;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Qumulo Core's REST API for replication locks: {@code POST /v1/session/login} with an access key
 * (its id as the username, its secret as the password) answers a bearer token; {@code GET} and
 * {@code POST /v2/replication/target-relationships/{id}/lock} read and set the relationship's lock
 * key with it, through {@link ReplicationService}, as the key's principal. Errors are Qumulo's
 * JSON: {@code module}, {@code error_class}, {@code description}, {@code user_visible}.
 */
public final class QumuloApi implements HttpApi {
  private static final String LOCK_PATH_PREFIX = "/v2/replication/target-relationships/";

  private final ReplicationService replication;
  private final BearerTokenIssuer tokens;
  private final Clock clock = Clock.systemUTC();

  @Inject
  QumuloApi(ReplicationService replication, AccessKeyService accessKeys) {
    this.replication = replication;
    this.tokens = new BearerTokenIssuer(accessKeys);
  }

  @Override
  public boolean serves(HttpCall call) {
    return call.rawPath().startsWith("/v1/session/")
        || call.rawPath().startsWith("/v2/replication/");
  }

  @Override
  public HttpAnswer tooLarge(long limitBytes) {
    return error(
        413, "http_request_entity_too_large", "the body is larger than " + limitBytes + " bytes");
  }

  @Override
  public CompletableFuture<HttpAnswer> answer(HttpCall call) {
    CompletableFuture<HttpAnswer> answer;
    try {
      answer = route(call);
    } catch (RuntimeException failure) {
      answer = CompletableFuture.failedFuture(failure);
    }
    return answer.exceptionallyCompose(
        failure -> {
          Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
          if (cause instanceof MalformedRequestException malformed) {
            return done(error(400, "http_bad_request_error", malformed.getMessage()));
          }
          if (cause instanceof RejectedException rejected) {
            return done(toError(rejected.rejection()));
          }
          return CompletableFuture.failedFuture(cause);
        });
  }

  private CompletableFuture<HttpAnswer> route(HttpCall call) {
    List<String> segments = call.pathSegments();
    if (segments.equals(List.of("v1", "session", "login"))) {
      return call.method().equals("POST")
          ? done(login(call))
          : done(methodNotAllowed(call.method()));
    }
    if (segments.size() == 5
        && call.rawPath().startsWith(LOCK_PATH_PREFIX)
        && segments.get(4).equals("lock")) {
      String relationshipId = segments.get(3);
      Optional<String> principal = authenticated(call);
      if (principal.isEmpty()) {
        return done(
            error(
                401,
                "http_unauthorized_error",
                "a valid bearer token from /v1/session/login is required"));
      }
      Caller caller = new Caller(principal.get());
      return switch (call.method()) {
        case "GET" -> done(lock(replication.getLock(caller, relationshipId)));
        case "POST", "PUT" -> setLock(call, caller, relationshipId);
        default -> done(methodNotAllowed(call.method()));
      };
    }
    return done(error(404, "http_not_found_error", "no such endpoint: " + call.rawPath()));
  }

  private HttpAnswer login(HttpCall call) {
    ObjectNode body = Json.parseObject(call.body());
    JsonNode username = body.get("username");
    JsonNode password = body.get("password");
    if (username == null || !username.isTextual() || password == null || !password.isTextual()) {
      throw new MalformedRequestException("username and password are required strings");
    }
    return tokens
        .login(username.asText(), password.asText(), clock.instant())
        .map(token -> HttpAnswer.json(200, Json.object("bearer_token", token).toString()))
        .orElseGet(() -> error(401, "login_failed", "Login failed: bad username or password"));
  }

  private Optional<String> authenticated(HttpCall call) {
    String authorization = call.header("authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return tokens.principalOf(authorization.substring(7).trim(), clock.instant());
  }

  private CompletableFuture<HttpAnswer> setLock(
      HttpCall call, Caller caller, String relationshipId) {
    ObjectNode body = Json.parseObject(call.body());
    if (!body.has("lock_key_ref")) {
      throw new MalformedRequestException("lock_key_ref is required (a key's id or name, or null)");
    }
    JsonNode ref = body.get("lock_key_ref");
    if (!ref.isNull() && !ref.isTextual()) {
      throw new MalformedRequestException("lock_key_ref must be a string or null");
    }
    SetTargetRelationshipLockCommand command =
        ref.isNull()
            ? new SetTargetRelationshipLockCommand(relationshipId, "", true)
            : new SetTargetRelationshipLockCommand(relationshipId, ref.asText(), false);
    return replication
        .setLock(mutation(call, caller), command)
        .thenApply(relationship -> lock(relationship.currentKeyId()));
  }

  private static HttpAnswer lock(Optional<String> keyId) {
    ObjectNode out = Json.object();
    if (keyId.isPresent()) {
      out.put("lock_key_ref", keyId.get());
    } else {
      out.putNull("lock_key_ref");
    }
    return HttpAnswer.json(200, out.toString());
  }

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
    return switch (rejection.reason().code()) {
      case NOT_FOUND -> error(404, "http_not_found_error", message);
      case PERMISSION_DENIED, UNAUTHENTICATED -> error(403, "http_forbidden_error", message);
      case FAILED_PRECONDITION, ALREADY_EXISTS -> error(409, "http_conflict_error", message);
      case INVALID_ARGUMENT, RESOURCE_EXHAUSTED -> error(400, "http_bad_request_error", message);
    };
  }

  private static HttpAnswer methodNotAllowed(String method) {
    return error(405, "http_method_not_allowed_error", "method " + method + " is not allowed here");
  }

  private static HttpAnswer error(int status, String errorClass, String description) {
    ObjectNode body =
        Json.object()
            .put("module", "lockctl")
            .put("error_class", errorClass)
            .put("description", description)
            .put("user_visible", true);
    body.putArray("stack");
    return HttpAnswer.json(status, body.toString());
  }

  private static <T> CompletableFuture<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
