package io.lockctl.server.testing;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.lockctl.server.rpc.CallerInterceptor;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A test-only service that answers each call with {@link CallerInterceptor#caller()}: the principal
 * service code sees. It is contributed like a lockctl service, so the same interceptors guard it.
 */
public final class WhoAmI implements BindableService {
  public static final String SERVICE = "lockctl.test.WhoAmI";

  static final MethodDescriptor<String, String> METHOD =
      MethodDescriptor.<String, String>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Get"))
          .setRequestMarshaller(new Utf8())
          .setResponseMarshaller(new Utf8())
          .build();

  @Inject
  WhoAmI() {}

  /** The principal the server sees for a call on {@code channel}. */
  public static String ask(Channel channel, CallOptions options) {
    return ClientCalls.blockingUnaryCall(
        channel, METHOD, options.withDeadlineAfter(10, TimeUnit.SECONDS), "");
  }

  @Override
  public ServerServiceDefinition bindService() {
    return ServerServiceDefinition.builder(SERVICE)
        .addMethod(
            METHOD,
            ServerCalls.asyncUnaryCall(
                (request, response) -> {
                  response.onNext(CallerInterceptor.caller());
                  response.onCompleted();
                }))
        .build();
  }

  private static final class Utf8 implements MethodDescriptor.Marshaller<String> {
    @Override
    public InputStream stream(String value) {
      return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String parse(InputStream stream) {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException failed) {
        throw new UncheckedIOException(failed);
      }
    }
  }
}
