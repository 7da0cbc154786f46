package io.lockctl.core.idempotency;

/** Turns a mutation's response into bytes to remember, and back for a replay. */
public interface ResponseCodec<R> {
  byte[] encode(R response);

  R decode(byte[] bytes);
}
