package io.lockctl.core.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The protobuf wire format, written as proto3's deterministic serialization does it: the caller
 * writes fields in field-number order, and a scalar holding its default value is not written.
 */
final class WireWriter {
  static final int VARINT = 0;
  static final int LENGTH_DELIMITED = 2;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

  /**
   * uint64 and int64 alike: the 64 bits as an unsigned varint (a negative int64 takes 10 bytes).
   */
  WireWriter int64(int field, long value) {
    if (value != 0) {
      tag(field, VARINT);
      varint(value);
    }
    return this;
  }

  /** int32: sign-extended to 64 bits, as protobuf does, so a negative value also takes 10 bytes. */
  WireWriter int32(int field, int value) {
    return int64(field, value);
  }

  WireWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  WireWriter bytes(int field, byte[] value) {
    if (value.length != 0) {
      lengthDelimited(field, value);
    }
    return this;
  }

  /** A message field that is set: written even when empty, since presence is its value. */
  WireWriter message(int field, byte[] encoded) {
    lengthDelimited(field, encoded);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  private void lengthDelimited(int field, byte[] value) {
    tag(field, LENGTH_DELIMITED);
    varint(value.length);
    out.write(value, 0, value.length);
  }

  private void tag(int field, int wireType) {
    varint(((long) field << 3) | wireType);
  }

  private void varint(long value) {
    long rest = value;
    while ((rest & ~0x7FL) != 0) {
      out.write((int) ((rest & 0x7F) | 0x80));
      rest >>>= 7;
    }
    out.write((int) rest);
  }
}
