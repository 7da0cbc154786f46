package io.lockctl.server.rpc;

import io.grpc.Context;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * A budget for the bytes of request messages the transport holds while they are still arriving.
 * Each stream's tracer counts what it has buffered until its message is complete (or the stream
 * ends). While the total is over the budget:
 *
 * <ul>
 *   <li>new calls are refused at once with RESOURCE_EXHAUSTED / SERVER_BUSY;
 *   <li>an admitted call whose request is still arriving is refused the same way when more of it
 *       arrives, and its bytes are given back: admission alone cannot bound memory, since a client
 *       can open thousands of streams before sending any body, and every one is admitted while
 *       nothing is held yet;
 *   <li>a call whose request has arrived is never cut: it goes on and finishes.
 * </ul>
 *
 * Health checks are not counted against it (they are served without the interceptors).
 */
public final class InboundBytesBudget extends ServerStreamTracer.Factory
    implements ServerInterceptor {
  private static final Logger LOG = Logger.getLogger(InboundBytesBudget.class.getName());

  /** Links a call to its stream's tracer: the tracer puts itself in the call's context. */
  private static final Context.Key<StreamBytes> STREAM = Context.key("lockctl-inbound-bytes");

  private final long maxBytes;
  private final AtomicLong held = new AtomicLong();

  /** Held while a stream over the budget is cut off (rarely: only past the budget). */
  private final Object cuts = new Object();

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
    return new StreamBytes();
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    if (held.get() > maxBytes) {
      refuse(call, "refused");
      return new ServerCall.Listener<>() {};
    }
    ServerCall.Listener<ReqT> listener = next.startCall(call, headers);
    StreamBytes stream = STREAM.get();
    if (stream != null) {
      // only now: the call is not being started on this thread while the transport cuts it off
      stream.admitted(() -> refuse(call, "cut off"));
    }
    return listener;
  }

  private void refuse(ServerCall<?, ?> call, String what) {
    refusals.warn(
        "busy",
        what
            + " "
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
  }

  /**
   * One stream's unfinished request bytes. The transport calls it on the stream's own thread, in
   * order; {@link #admitted} comes from the call's.
   */
  private final class StreamBytes extends ServerStreamTracer {
    private final AtomicLong mine = new AtomicLong();

    /** Closes the call as busy; set while its first request is still arriving, else null. */
    private final AtomicReference<Runnable> cutOff = new AtomicReference<>();

    private volatile boolean requestArrived;

    @Override
    public Context filterContext(Context context) {
      return context.withValue(STREAM, this);
    }

    void admitted(Runnable refuse) {
      cutOff.set(refuse);
      if (requestArrived) {
        cutOff.set(null); // it arrived meanwhile: the call goes on
      }
    }

    @Override
    public void inboundWireSize(long bytes) {
      mine.addAndGet(bytes);
      if (held.addAndGet(bytes) > maxBytes) {
        Runnable refuse = cutIfStillOver();
        if (refuse != null) {
          // The service has not seen the request, so it cannot be closing the call too; the
          // close only queues the trailers on the transport.
          refuse.run();
          // Closing the call does not stop the transport from reading the rest of the message
          // (the client has not ended the stream). An exception from here does: the transport
          // resets the stream, after the trailers, and drops what it buffered.
          throw Status.RESOURCE_EXHAUSTED
              .withDescription("cut off: over the in-flight request budget")
              .asRuntimeException();
        }
      }
    }

    @Override
    public void inboundMessageRead(int seqNo, long wireSize, long uncompressedSize) {
      requestArrived = true;
      cutOff.set(null);
      giveBack();
    }

    @Override
    public void streamClosed(Status status) {
      cutOff.set(null);
      giveBack();
    }

    /**
     * Streams that pass the budget at once are decided one at a time, each after the streams cut
     * before it gave their bytes back, so no more of them are cut than it takes to fit the budget.
     * Returns the refusal to run, having given this stream's bytes back, or null.
     */
    private Runnable cutIfStillOver() {
      synchronized (cuts) {
        if (held.get() <= maxBytes) {
          return null;
        }
        Runnable refuse = cutOff.getAndSet(null);
        if (refuse != null) {
          giveBack();
        }
        return refuse;
      }
    }

    private void giveBack() {
      held.addAndGet(-mine.getAndSet(0));
    }
  }
}
