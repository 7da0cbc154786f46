package io.lockctl.server.http;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hands each request to the API that serves it. A request no API serves is 404, in the AWS shape (a
 * JSON {@code message} and {@code x-amzn-ErrorType}), the most widely parsed of the three. A
 * failure no API turned into an answer is the server's fault: logged, and a bare 500.
 */
@Singleton
public final class HttpRouter {
  private static final Logger LOG = Logger.getLogger(HttpRouter.class.getName());

  private final List<HttpApi> apis;

  @Inject
  HttpRouter(Set<HttpApi> apis) {
    this.apis = List.copyOf(apis);
  }

  public CompletableFuture<HttpAnswer> answer(HttpCall call) {
    Optional<HttpApi> api = apiFor(call);
    if (api.isEmpty()) {
      return CompletableFuture.completedFuture(
          unknown(404, "UnknownOperationException", "no operation at " + call.rawPath()));
    }
    CompletableFuture<HttpAnswer> answer;
    try {
      answer = api.get().answer(call);
    } catch (RuntimeException failure) {
      answer = CompletableFuture.failedFuture(failure);
    }
    return answer.exceptionally(HttpRouter::internalError);
  }

  /** The answer to a request whose body is over the limit, in the shape of the API it was for. */
  public HttpAnswer tooLarge(HttpCall headersOnly, long limitBytes) {
    return apiFor(headersOnly)
        .map(api -> api.tooLarge(limitBytes))
        .orElseGet(
            () ->
                unknown(
                    413,
                    "RequestEntityTooLargeException",
                    "the body is larger than " + limitBytes + " bytes"));
  }

  /** The answer to a request that is not HTTP/1.1 a server can read. */
  public static HttpAnswer unreadable(String problem) {
    return unknown(400, "BadRequestException", "malformed HTTP request: " + problem);
  }

  private Optional<HttpApi> apiFor(HttpCall call) {
    return apis.stream().filter(api -> api.serves(call)).findFirst();
  }

  private static HttpAnswer internalError(Throwable failure) {
    LOG.log(Level.SEVERE, "HTTP request failed unexpectedly", failure);
    return unknown(500, "InternalServerException", "internal error");
  }

  private static HttpAnswer unknown(int status, String type, String message) {
    return HttpAnswer.json(
        status, Map.of("x-amzn-ErrorType", type), Json.object("message", message).toString());
  }
}
