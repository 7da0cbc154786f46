package io.lockctl.core.audit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the protobuf wire format strictly: only the shortest encoding of each varint, lengths that
 * fit, and valid UTF-8 strings. Anything else is a {@link MalformedAuditRecordException} naming the
 * byte offset.
 */
final class WireReader {
  private final byte[] bytes;
  private final String what;
  private int position;

  WireReader(byte[] bytes, String what) {
    this.bytes = bytes;
    this.what = what;
  }

  boolean atEnd() {
    return position == bytes.length;
  }

  int position() {
    return position;
  }

  /** The next tag: field number in the high bits, wire type in the low three. */
  long tag() {
    int at = position;
    long tag = varint();
    if ((tag >>> 3) == 0 || (tag >>> 3) > 536_870_911L) {
      throw malformed(at, "field number " + (tag >>> 3) + " is not valid");
    }
    return tag;
  }

  long varint() {
    int at = position;
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position == bytes.length) {
        throw malformed(at, "a varint is cut off");
      }
      int b = bytes[position++] & 0xFF;
      if (shift == 63 && b > 1) {
        throw malformed(at, "a varint overflows 64 bits");
      }
      value |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        if (b == 0 && shift > 0) {
          throw malformed(at, "a varint is not in its shortest form");
        }
        return value;
      }
    }
    throw new AssertionError("the tenth byte of a varint always ends it");
  }

  byte[] lengthDelimited() {
    int at = position;
    long length = varint();
    if (length > bytes.length - position) {
      throw malformed(at, "a length of " + length + " runs past the end");
    }
    byte[] value = new byte[(int) length];
    System.arraycopy(bytes, position, value, 0, value.length);
    position += value.length;
    return value;
  }

  String string(int at, String field) {
    byte[] utf8 = lengthDelimited();
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(utf8))
          .toString();
    } catch (CharacterCodingException e) {
      throw malformed(at, field + " is not valid UTF-8");
    }
  }

  MalformedAuditRecordException malformed(int at, String problem) {
    return new MalformedAuditRecordException(what + ", at byte " + at + ": " + problem);
  }
}
