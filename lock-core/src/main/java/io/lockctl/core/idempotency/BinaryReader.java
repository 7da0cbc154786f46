package io.lockctl.core.idempotency;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads what a {@link BinaryWriter} wrote, in the same order. A record that does not parse was not
 * written by this code: it fails with {@link IllegalStateException}, never with a wrong value.
 */
public final class BinaryReader {
  private final ByteBuffer in;

  public BinaryReader(byte[] bytes) {
    this.in = ByteBuffer.wrap(bytes);
  }

  public boolean readBoolean() {
    byte value = read(() -> in.get());
    if (value != 0 && value != 1) {
      throw corrupt("a boolean byte of " + value);
    }
    return value == 1;
  }

  public int readInt() {
    return read(in::getInt);
  }

  public long readLong() {
    return read(in::getLong);
  }

  public String readString() {
    return readNullable(
        reader -> {
          int length = readInt();
          if (length < 0 || length > in.remaining()) {
            throw corrupt("a string of " + length + " bytes");
          }
          byte[] bytes = new byte[length];
          in.get(bytes);
          return new String(bytes, StandardCharsets.UTF_8);
        });
  }

  public Instant readInstant() {
    return readNullable(reader -> Instant.ofEpochMilli(readLong()));
  }

  public Duration readDuration() {
    return readNullable(reader -> Duration.ofMillis(readLong()));
  }

  public <E extends Enum<E>> E readEnum(Class<E> type) {
    String name = readString();
    try {
      return name == null ? null : Enum.valueOf(type, name);
    } catch (IllegalArgumentException unknown) {
      throw corrupt("no " + type.getSimpleName() + " " + name);
    }
  }

  public Map<String, String> readStringMap() {
    int size = readCount();
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      map.put(readString(), readString());
    }
    return map;
  }

  public <T> List<T> readList(Function<BinaryReader, T> element) {
    int size = readCount();
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.apply(this));
    }
    return list;
  }

  /**
   * What {@link BinaryWriter#writeNullable} wrote: {@code null}, or the value {@code present}
   * reads.
   */
  public <T> T readNullable(Function<BinaryReader, T> present) {
    return readBoolean() ? present.apply(this) : null;
  }

  /** Fails unless every byte was read: trailing bytes mean another format. */
  public void expectEnd() {
    if (in.hasRemaining()) {
      throw corrupt(in.remaining() + " bytes after the end");
    }
  }

  private int readCount() {
    int count = readInt();
    if (count < 0 || count > in.remaining()) {
      throw corrupt("a count of " + count);
    }
    return count;
  }

  private <T> T read(Supplier<T> value) {
    try {
      return value.get();
    } catch (BufferUnderflowException truncated) {
      throw corrupt("a truncated record");
    }
  }

  private static IllegalStateException corrupt(String what) {
    return new IllegalStateException("a remembered result does not parse: " + what);
  }
}
