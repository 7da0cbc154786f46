package io.lockctl.core.idempotency;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Writes the values of a remembered result in a compact binary form that {@link BinaryReader} reads
 * back in the same order. Nullable values carry a presence byte; maps are written in key order, so
 * equal values always encode to equal bytes.
 */
public final class BinaryWriter {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DataOutputStream out = new DataOutputStream(bytes);

  public BinaryWriter writeBoolean(boolean value) {
    return write(() -> out.writeBoolean(value));
  }

  public BinaryWriter writeInt(int value) {
    return write(() -> out.writeInt(value));
  }

  public BinaryWriter writeLong(long value) {
    return write(() -> out.writeLong(value));
  }

  /** A string that may be {@code null}. */
  public BinaryWriter writeString(String value) {
    return writeNullable(value, present -> writeBytes(present.getBytes(StandardCharsets.UTF_8)));
  }

  /** An instant at lockctl's precision, milliseconds; may be {@code null}. */
  public BinaryWriter writeInstant(Instant value) {
    return writeNullable(value, present -> writeLong(present.toEpochMilli()));
  }

  /** A duration in milliseconds; may be {@code null}. */
  public BinaryWriter writeDuration(Duration value) {
    return writeNullable(value, present -> writeLong(present.toMillis()));
  }

  /** An enum constant by name, so reordering constants never changes a remembered result. */
  public BinaryWriter writeEnum(Enum<?> value) {
    return writeString(value == null ? null : value.name());
  }

  public BinaryWriter writeStringMap(Map<String, String> map) {
    writeInt(map.size());
    new TreeMap<>(map)
        .forEach(
            (key, value) -> {
              writeString(key);
              writeString(value);
            });
    return this;
  }

  public <T> BinaryWriter writeList(List<T> list, BiConsumer<T, BinaryWriter> element) {
    writeInt(list.size());
    list.forEach(item -> element.accept(item, this));
    return this;
  }

  /** {@code value} with {@code present}, or only an absence marker when it is {@code null}. */
  public <T> BinaryWriter writeNullable(T value, Consumer<T> present) {
    writeBoolean(value != null);
    if (value != null) {
      present.accept(value);
    }
    return this;
  }

  public byte[] toByteArray() {
    return bytes.toByteArray();
  }

  private void writeBytes(byte[] value) {
    writeInt(value.length);
    write(() -> out.write(value));
  }

  private BinaryWriter write(IoAction action) {
    try {
      action.run();
    } catch (IOException impossible) {
      throw new UncheckedIOException("writing to memory failed", impossible);
    }
    return this;
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }
}
