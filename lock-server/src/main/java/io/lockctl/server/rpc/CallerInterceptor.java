package io.lockctl.server.rpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import jakarta.inject.Inject;
import java.util.regex.Pattern;

/**
 * Names the caller of every call from the {@code lockctl-caller} header, so that idempotency tokens
 * are remembered per caller. A call without the header is "anonymous"; a malformed value is refused
 * before any service code runs.
 */
public final class CallerInterceptor implements ServerInterceptor {
  public static final Metadata.Key<String> HEADER =
      Metadata.Key.of("lockctl-caller", Metadata.ASCII_STRING_MARSHALLER);
  public static final String ANONYMOUS = "anonymous";

  private static final Context.Key<String> CALLER =
      Context.keyWithDefault("lockctl-caller", ANONYMOUS);
  private static final Pattern VALID = Pattern.compile("^[\\x20-\\x7E]{1,128}$");

  @Inject
  CallerInterceptor() {}

  /** The current call's caller. */
  public static String caller() {
    return CALLER.get();
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String caller = headers.get(HEADER);
    if (caller == null) {
      caller = ANONYMOUS;
    } else if (!VALID.matcher(caller).matches()) {
      StatusRuntimeException refused =
          StatusErrors.toStatus(
              Rejection.invalidField(
                  Reason.INVALID_PARAMETER,
                  HEADER.name(),
                  "must be 1-128 printable ASCII characters"));
      call.close(refused.getStatus(), refused.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
  }
}
