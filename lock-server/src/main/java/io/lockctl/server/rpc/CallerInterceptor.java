package io.lockctl.server.rpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.auth.Authenticator;
import io.lockctl.server.auth.HeaderAuthenticator;
import io.lockctl.server.auth.RateLimitedLog;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Names the caller of every lockctl call before any service code runs, through the server's {@link
 * Authenticator}: the verified client certificate's or bearer token's principal when the server
 * authenticates callers, else the {@code lockctl-caller} header (or "anonymous"). A call the
 * authenticator refuses is closed here, UNAUTHENTICATED (or INVALID_ARGUMENT for a malformed
 * header), and refused authentications are logged at most once per {@code --refusal-log-interval}
 * for each kind.
 *
 * <p>Health and reflection are served without this interceptor: they need no credentials, and
 * reflection serves only the public schema.
 */
public final class CallerInterceptor implements ServerInterceptor {
  public static final Metadata.Key<String> HEADER = HeaderAuthenticator.HEADER;
  public static final String ANONYMOUS = HeaderAuthenticator.ANONYMOUS;

  private static final Logger LOG = Logger.getLogger(CallerInterceptor.class.getName());
  private static final Context.Key<String> CALLER =
      Context.keyWithDefault("lockctl-caller", ANONYMOUS);

  private final Authenticator authenticator;
  private final RateLimitedLog refusals;

  @Inject
  CallerInterceptor(Authenticator authenticator, ServerConfig config) {
    this.authenticator = authenticator;
    this.refusals = new RateLimitedLog(LOG, config.limits().refusalLogInterval());
  }

  /**
   * The current call's principal: who the server authenticated, or who the caller said it is when
   * the server does not authenticate. Service code calls it on the call's own thread.
   */
  public static String caller() {
    return CALLER.get();
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    Authenticator.Verdict verdict =
        authenticator.authenticate(
            headers, call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
    if (verdict instanceof Authenticator.Refused refused) {
      if (refused.logKind() != null) {
        refusals.warn(
            refused.logKind(),
            "refused "
                + call.getMethodDescriptor().getFullMethodName()
                + " from "
                + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)
                + ": "
                + refused.rejection().message());
      }
      StatusRuntimeException status = StatusErrors.toStatus(refused.rejection());
      call.close(status.getStatus(), status.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    String principal = ((Authenticator.Caller) verdict).principal();
    RequestLogInterceptor.notePrincipal(principal);
    return Contexts.interceptCall(
        Context.current().withValue(CALLER, principal), call, headers, next);
  }
}
