package io.lockctl.core.lockkey;

import io.lockctl.core.audit.ResourceState;
import io.lockctl.core.idempotency.BinaryReader;
import io.lockctl.core.idempotency.BinaryWriter;
import io.lockctl.core.idempotency.ResultCodec;

/** How a lock-key operation's result, the key, is remembered with a client token. */
public final class LockKeyCodec implements ResultCodec<LockKey> {
  public static final LockKeyCodec KEY = new LockKeyCodec();

  /** The kind of {@link #state}: a key written by this codec. */
  public static final String KIND = "lock-key";

  private LockKeyCodec() {}

  /** The key as a mutation left it; {@code null} for a deleted key. */
  static ResourceState state(LockKey key) {
    return new ResourceState(KIND, key == null ? new byte[0] : KEY.encode(key));
  }

  @Override
  public void write(LockKey key, BinaryWriter out) {
    out.writeString(key.id())
        .writeString(key.name())
        .writeString(key.comment())
        .writeString(key.publicKeyPem())
        .writeBoolean(key.disabled())
        .writeInstant(key.createTime());
  }

  @Override
  public LockKey read(BinaryReader in) {
    // Arguments are evaluated left to right, so each is read in the order write() wrote it.
    return new LockKey(
        in.readString(),
        in.readString(),
        in.readString(),
        in.readString(),
        in.readBoolean(),
        in.readInstant());
  }
}
