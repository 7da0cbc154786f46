package io.lockctl.client;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Gives every mutating request an idempotency token before it is sent.
 *
 * <p>The channel retries a call that failed {@code UNAVAILABLE}, and such a failure may hide a call
 * the server did apply (the response was lost on the way back). Retrying is only safe if the server
 * can recognise the retry: lockctl remembers a successful response per (caller, RPC, client_token),
 * so a request that carries a token is applied at most once however many attempts reach the server.
 * The token is set once, before the call starts, so every attempt of that call sends the same one.
 *
 * <p>The field is found by name through the message descriptor, so requests of services added later
 * are covered without code here; read requests have no such field and pass through unchanged.
 */
final class ClientTokens {

  static final String FIELD = "client_token";

  private final Supplier<String> tokens;

  ClientTokens(Supplier<String> tokens) {
    this.tokens = tokens;
  }

  static ClientTokens randomUuids() {
    return new ClientTokens(() -> UUID.randomUUID().toString());
  }

  /**
   * The request itself when it has no {@code client_token} field or the caller set one; else a copy
   * with a fresh token.
   */
  <T extends Message> T fill(T request) {
    FieldDescriptor field = tokenField(request);
    if (field == null || !((String) request.getField(field)).isEmpty()) {
      return request;
    }
    @SuppressWarnings(
        "unchecked") // toBuilder().build() of a T is a T: generated messages build their own type
    T withToken = (T) request.toBuilder().setField(field, tokens.get()).build();
    return withToken;
  }

  /**
   * Whether requests of this type carry a token, i.e. whether the client can make them retry-safe.
   */
  static boolean hasTokenField(Message prototype) {
    return tokenField(prototype) != null;
  }

  private static FieldDescriptor tokenField(Message request) {
    FieldDescriptor field = request.getDescriptorForType().findFieldByName(FIELD);
    if (field == null
        || field.isRepeated()
        || field.getJavaType() != FieldDescriptor.JavaType.STRING) {
      return null;
    }
    return field;
  }
}
