package io.lockctl.server.testing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Loses responses on the way back, as a connection that breaks after the server committed would:
 * the service runs and succeeds, then the client gets a bare UNAVAILABLE (no headers, no message),
 * which a client's retry policy may retry. Inert until a test asks for losses. It also keeps every
 * request and every lost response of the methods it was told about, so a test can compare attempts.
 */
@Singleton
public final class LostResponses implements ServerInterceptor {
  private final Map<String, AtomicInteger> toLose = new ConcurrentHashMap<>();
  private final Map<String, List<Object>> requests = new ConcurrentHashMap<>();
  private final Map<String, List<Object>> lost = new ConcurrentHashMap<>();

  @Inject
  LostResponses() {}

  /** The next {@code count} successful responses of {@code method} are replaced by UNAVAILABLE. */
  public void loseNext(MethodDescriptor<?, ?> method, int count) {
    String name = method.getFullMethodName();
    requests.putIfAbsent(name, new CopyOnWriteArrayList<>());
    lost.putIfAbsent(name, new CopyOnWriteArrayList<>());
    toLose.computeIfAbsent(name, n -> new AtomicInteger()).addAndGet(count);
  }

  /** Every request of {@code method} that reached the service since {@link #loseNext}, in order. */
  public <Req> List<Req> requests(MethodDescriptor<Req, ?> method) {
    return typed(requests, method.getFullMethodName());
  }

  /** The responses of {@code method} the service produced and the client never got. */
  public <Resp> List<Resp> lost(MethodDescriptor<?, Resp> method) {
    return typed(lost, method.getFullMethodName());
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String name = call.getMethodDescriptor().getFullMethodName();
    AtomicInteger remaining = toLose.get(name);
    if (remaining == null) {
      return next.startCall(call, headers);
    }
    boolean lose = remaining.getAndUpdate(n -> Math.max(n - 1, 0)) > 0;
    ServerCall<ReqT, RespT> delivered = lose ? new Losing<>(call, lost.get(name)) : call;
    List<Object> received = requests.get(name);
    return new SimpleForwardingServerCallListener<>(next.startCall(delivered, headers)) {
      @Override
      public void onMessage(ReqT message) {
        received.add(message);
        super.onMessage(message);
      }
    };
  }

  // The map holds, per method name, only messages of that method's request or response type.
  @SuppressWarnings("unchecked")
  private static <T> List<T> typed(Map<String, List<Object>> byMethod, String name) {
    return List.copyOf((List<T>) (List<?>) byMethod.getOrDefault(name, new ArrayList<>()));
  }

  /** A call whose headers and message never leave, and whose OK becomes UNAVAILABLE. */
  private static final class Losing<ReqT, RespT> extends SimpleForwardingServerCall<ReqT, RespT> {
    private final List<Object> lost;

    Losing(ServerCall<ReqT, RespT> call, List<Object> lost) {
      super(call);
      this.lost = lost;
    }

    @Override
    public void sendHeaders(Metadata headers) {
      // Withheld: a client that received headers would consider the call committed and not retry.
    }

    @Override
    public void sendMessage(RespT message) {
      lost.add(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      if (status.isOk()) {
        super.close(
            Status.UNAVAILABLE.withDescription("response lost (injected by the test)"),
            new Metadata());
      } else {
        super.close(status, trailers);
      }
    }
  }
}
