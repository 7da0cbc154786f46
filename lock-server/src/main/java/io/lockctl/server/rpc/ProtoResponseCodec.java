package io.lockctl.server.rpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.lockctl.core.idempotency.ResponseCodec;

/** Remembers a response as its protobuf bytes, so a replay answers exactly what was answered. */
public final class ProtoResponseCodec<M extends Message> implements ResponseCodec<M> {
  private final Parser<M> parser;

  public ProtoResponseCodec(Parser<M> parser) {
    this.parser = parser;
  }

  @Override
  public byte[] encode(M response) {
    return response.toByteArray();
  }

  @Override
  public M decode(byte[] bytes) {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException corrupt) {
      throw new IllegalStateException("a remembered response does not parse", corrupt);
    }
  }
}
