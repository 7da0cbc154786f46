package io.lockctl.core.lockkey;

import io.lockctl.core.idempotency.BinaryReader;
import io.lockctl.core.idempotency.BinaryWriter;
import io.lockctl.core.idempotency.ResultCodec;

/** How a lock-key operation's result, the key, is remembered with a client token. */
final class LockKeyCodec implements ResultCodec<LockKey> {
  static final LockKeyCodec KEY = new LockKeyCodec();

  private LockKeyCodec() {}

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
