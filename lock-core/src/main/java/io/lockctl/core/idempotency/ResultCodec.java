package io.lockctl.core.idempotency;

/**
 * Turns an operation's result into bytes to remember with its client token, and back for a replay,
 * so the replay answers exactly what the first call answered, on every edge.
 */
public interface ResultCodec<R> {

  void write(R result, BinaryWriter out);

  R read(BinaryReader in);

  default byte[] encode(R result) {
    BinaryWriter out = new BinaryWriter();
    write(result, out);
    return out.toByteArray();
  }

  default R decode(byte[] bytes) {
    BinaryReader in = new BinaryReader(bytes);
    R result = read(in);
    in.expectEnd();
    return result;
  }
}
