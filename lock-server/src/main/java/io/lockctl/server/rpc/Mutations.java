package io.lockctl.server.rpc;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.lockctl.core.idempotency.Mutation;

/** Describes the current mutating call for {@link io.lockctl.core.idempotency.MutationRunner}. */
public final class Mutations {
  private Mutations() {}

  /**
   * The mutation for {@code request} on {@code method}, by the current call's caller; call it on
   * the call's own thread, where the caller is known.
   */
  public static Mutation of(
      MethodDescriptor<?, ?> method, Message request, String clientToken, boolean dryRun) {
    return new Mutation(
        CallerInterceptor.caller(),
        method.getBareMethodName(),
        clientToken,
        RequestFingerprint.of(request),
        dryRun);
  }
}
