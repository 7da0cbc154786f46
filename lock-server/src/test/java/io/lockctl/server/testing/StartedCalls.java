package io.lockctl.server.testing;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Tells a test when a call has reached the server, so it can act while the call is in flight.
 * Contributed to the interceptor set like any production interceptor.
 */
@Singleton
public final class StartedCalls implements ServerInterceptor {
  private final BlockingQueue<String> methods = new LinkedBlockingQueue<>();

  @Inject
  StartedCalls() {}

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    methods.add(call.getMethodDescriptor().getFullMethodName());
    return next.startCall(call, headers);
  }

  /** Waits (bounded) until a call to {@code fullMethodName} has started. */
  public void awaitStart(String fullMethodName) throws InterruptedException {
    String method;
    do {
      method = methods.poll(10, TimeUnit.SECONDS);
      if (method == null) {
        throw new AssertionError("no call to " + fullMethodName + " reached the server");
      }
    } while (!method.equals(fullMethodName));
  }
}
