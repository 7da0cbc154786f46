package io.lockctl.server.rpc;

import com.google.protobuf.Message;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;

/** Describes the current gRPC call to lock-core's application services. */
public final class Mutations {
  private Mutations() {}

  /** The current call's caller; call it on the call's own thread, where the caller is known. */
  public static Caller caller() {
    return new Caller(CallerInterceptor.caller());
  }

  /**
   * The mutation {@code request} asks for, by the current call's caller; call it on the call's own
   * thread.
   */
  public static Mutation of(Message request, String clientToken, boolean dryRun) {
    return new Mutation(caller(), clientToken, dryRun, RequestFingerprint.of(request));
  }
}
