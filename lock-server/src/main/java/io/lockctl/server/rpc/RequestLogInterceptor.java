package io.lockctl.server.rpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.lockctl.server.logging.LogFields;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Logs one line for every lockctl call when it ends: its request id, principal, RPC, status (and
 * ErrorInfo reason), latency and peer. The request id is the caller's {@code x-request-id} header
 * when it is a plausible id, else a new UUID; it is sent back in the response headers and trailers
 * so a caller can quote it. A caller's mistake is a status on that line, never a stack trace.
 *
 * <p>It runs outside every other interceptor, so it also logs the calls they refuse; {@link
 * CallerInterceptor} reports the principal it found through {@link #notePrincipal}.
 */
@Singleton
public final class RequestLogInterceptor implements ServerInterceptor {
  public static final Metadata.Key<String> REQUEST_ID =
      Metadata.Key.of("x-request-id", Metadata.ASCII_STRING_MARSHALLER);

  /** Letters, digits and {@code . _ : -}, up to 128: nothing that could forge a log field. */
  private static final Pattern PLAUSIBLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private static final Logger LOG = Logger.getLogger(RequestLogInterceptor.class.getName());
  private static final Context.Key<LoggedCall> CURRENT = Context.key("lockctl-request-log");
  private static final String NO_PRINCIPAL = "-";

  @Inject
  RequestLogInterceptor() {}

  /** Records who the current call's caller is, for its log line. */
  static void notePrincipal(String principal) {
    LoggedCall call = CURRENT.get();
    if (call != null) {
      call.principal = principal;
    }
  }

  /**
   * A random (version 4) UUID. A request id only has to be unique, not unguessable, so it comes
   * from the calling thread's generator rather than the one SecureRandom every call would share.
   */
  static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L;
    long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
    return new UUID(high, low).toString();
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String offered = headers.get(REQUEST_ID);
    LoggedCall logged =
        new LoggedCall(
            offered != null && PLAUSIBLE_ID.matcher(offered).matches() ? offered : newRequestId(),
            call.getMethodDescriptor().getFullMethodName(),
            String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
    ServerCall<ReqT, RespT> echoing =
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void sendHeaders(Metadata responseHeaders) {
            responseHeaders.put(REQUEST_ID, logged.requestId);
            super.sendHeaders(responseHeaders);
          }

          @Override
          public void close(Status status, Metadata trailers) {
            trailers.put(REQUEST_ID, logged.requestId);
            logged.end(status, trailers);
            super.close(status, trailers);
          }
        };
    ServerCall.Listener<ReqT> listener =
        Contexts.interceptCall(
            Context.current().withValue(CURRENT, logged), echoing, headers, next);
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onCancel() {
        // the caller went away or its deadline passed: the call never closed
        logged.end(Status.CANCELLED, null);
        super.onCancel();
      }
    };
  }

  /** One call's log line, written once, by whichever of close and cancel comes first. */
  private static final class LoggedCall {
    final String requestId;
    final String rpc;
    final String peer;
    final long startNanos = System.nanoTime();
    final AtomicBoolean ended = new AtomicBoolean();
    volatile String principal = NO_PRINCIPAL;

    LoggedCall(String requestId, String rpc, String peer) {
      this.requestId = requestId;
      this.rpc = rpc;
      this.peer = peer;
    }

    void end(Status status, Metadata trailers) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      long micros = (System.nanoTime() - startNanos) / 1_000;
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("request_id", requestId);
      fields.put("principal", principal);
      fields.put("rpc", rpc);
      fields.put("status", status.getCode().name());
      String reason = reason(status, trailers);
      if (reason != null) {
        fields.put("reason", reason);
      }
      fields.put("latency_ms", micros / 1000.0);
      fields.put("peer", peer);
      LogFields.log(LOG, Level.INFO, "call", fields);
    }

    private static String reason(Status status, Metadata trailers) {
      if (status.isOk() || trailers == null) {
        return null;
      }
      com.google.rpc.Status details = StatusProto.fromStatusAndTrailers(status, trailers);
      for (Any detail : details.getDetailsList()) {
        if (detail.is(ErrorInfo.class)) {
          try {
            return detail.unpack(ErrorInfo.class).getReason();
          } catch (InvalidProtocolBufferException unreadable) {
            return null;
          }
        }
      }
      return null;
    }
  }
}
