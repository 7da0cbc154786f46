package io.lockctl.server.rpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.server.auth.RateLimitedLog;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A budget for the bytes of request messages the transport holds while they are still arriving.
 * Each stream's tracer counts what it has buffered until its message is complete (or the stream
 * ends); while the total is over the budget, new calls are refused at once with RESOURCE_EXHAUSTED
 * / SERVER_BUSY, and the calls already admitted go on and finish. Health checks are not counted
 * against it (they are served without the interceptors).
 */
public final class InboundBytesBudget extends ServerStreamTracer.Factory
    implements ServerInterceptor {
  private static final Logger LOG = Logger.getLogger(InboundBytesBudget.class.getName());

  private final long maxBytes;
  private final AtomicLong held = new AtomicLong();
  private final RateLimitedLog refusals;

  /** Refusals are logged at most once per {@code logInterval}. */
  public InboundBytesBudget(long maxBytes, Duration logInterval) {
    this.maxBytes = maxBytes;
    this.refusals = new RateLimitedLog(LOG, logInterval);
  }

  /** Bytes of unfinished request messages held now. */
  public long held() {
    return held.get();
  }

  @Override
  public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
    return new ServerStreamTracer() {
      private final AtomicLong mine = new AtomicLong();

      @Override
      public void inboundWireSize(long bytes) {
        mine.addAndGet(bytes);
        held.addAndGet(bytes);
      }

      @Override
      public void inboundMessageRead(int seqNo, long wireSize, long uncompressedSize) {
        held.addAndGet(-mine.getAndSet(0));
      }

      @Override
      public void streamClosed(Status status) {
        held.addAndGet(-mine.getAndSet(0));
      }
    };
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (held.get() <= maxBytes) {
      return next.startCall(call, headers);
    }
    refusals.warn(
        "busy",
        "refused "
            + call.getMethodDescriptor().getFullMethodName()
            + " from "
            + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)
            + ": "
            + held.get()
            + " bytes of requests in flight, over the budget of "
            + maxBytes);
    StatusRuntimeException busy =
        StatusErrors.toStatus(
            Rejection.of(
                Reason.SERVER_BUSY,
                "the server holds more request bytes in flight than it accepts; retry later",
                Map.of("max_inflight_request_bytes", Long.toString(maxBytes))));
    call.close(busy.getStatus(), busy.getTrailers());
    return new ServerCall.Listener<>() {};
  }
}
