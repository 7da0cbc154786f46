package io.lockctl.core.accesskey;

import io.lockctl.core.audit.ResourceState;
import io.lockctl.core.idempotency.BinaryReader;
import io.lockctl.core.idempotency.BinaryWriter;
import io.lockctl.core.idempotency.ResultCodec;

/**
 * How an access-key operation's result is remembered with a client token: the key with its secret
 * still sealed, so an idempotency record holds no plain secret either.
 */
public final class AccessKeyCodec implements ResultCodec<AccessKey> {
  public static final AccessKeyCodec KEY = new AccessKeyCodec();

  /** The kind of {@link #state}. */
  public static final String KIND = "access-key";

  private AccessKeyCodec() {}

  /** The key as a mutation left it, without even its sealed secret; {@code null} when deleted. */
  static ResourceState state(AccessKey key) {
    if (key == null) {
      return new ResourceState(KIND, new byte[0]);
    }
    return new ResourceState(
        KIND, KEY.encode(new AccessKey(key.id(), key.principal(), "", key.createTime())));
  }

  @Override
  public void write(AccessKey key, BinaryWriter out) {
    out.writeString(key.id())
        .writeString(key.principal())
        .writeString(key.sealedSecret())
        .writeInstant(key.createTime());
  }

  @Override
  public AccessKey read(BinaryReader in) {
    return new AccessKey(in.readString(), in.readString(), in.readString(), in.readInstant());
  }
}
