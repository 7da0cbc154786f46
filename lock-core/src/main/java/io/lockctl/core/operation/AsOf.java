package io.lockctl.core.operation;

import io.lockctl.core.idempotency.BinaryReader;
import io.lockctl.core.idempotency.BinaryWriter;
import io.lockctl.core.idempotency.ResultCodec;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A result and the compliance instant it was produced at: statuses computed from time (a lock's, a
 * rule's) are shown as of {@code at}, so a remembered response replays exactly as it was first
 * answered.
 */
public record AsOf<T>(T value, Instant at) {

  /** Remembers an {@code AsOf<T>}: the instant, then the value as {@code write} writes it. */
  public static <T> ResultCodec<AsOf<T>> codec(
      BiConsumer<T, BinaryWriter> write, Function<BinaryReader, T> read) {
    return new ResultCodec<>() {
      @Override
      public void write(AsOf<T> result, BinaryWriter out) {
        out.writeInstant(result.at());
        write.accept(result.value(), out);
      }

      @Override
      public AsOf<T> read(BinaryReader in) {
        Instant at = in.readInstant();
        return new AsOf<>(read.apply(in), at);
      }
    };
  }
}
