package io.lockctl.core.audit;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * The canonical bytes of an audit record: exactly the deterministic protobuf encoding of {@code
 * lockctl.v1.AuditRecord}, written by hand so that lock-core needs no protobuf. Any protobuf
 * library's deterministic serialization of the same record gives the same bytes, which is what lets
 * a client recompute a leaf hash from a listed record.
 *
 * <p>Proto3's rules: fields in field-number order, scalars holding their default (0, "", no bytes)
 * left out, {@code time} (a message) always present and itself encoded the same way, so the epoch
 * is an empty message. {@link #decode} accepts only bytes in exactly this form: for every accepted
 * input, {@code encode(decode(bytes))} gives the input back.
 */
public final class AuditRecordEncoding {
  private static final int INDEX = 1;
  private static final int TIME = 2;
  private static final int PRINCIPAL = 3;
  private static final int ACTION = 4;
  private static final int RESOURCE = 5;
  private static final int REQUEST_SHA256 = 6;
  private static final int OUTCOME = 7;
  private static final int CLIENT_TOKEN = 8;
  private static final String[] FIELD_NAMES = {
    null,
    "index",
    "time",
    "principal",
    "action",
    "resource",
    "request_sha256",
    "outcome",
    "client_token"
  };

  /** Bit n set: field n is a varint; the other fields are length-delimited. */
  private static final int RECORD_VARINTS = 1 << INDEX;

  private static final int SECONDS = 1;
  private static final int NANOS = 2;
  private static final int TIMESTAMP_VARINTS = 1 << SECONDS | 1 << NANOS;

  private AuditRecordEncoding() {}

  /** The record's canonical bytes. */
  public static byte[] encode(AuditEntry entry) {
    return new WireWriter()
        .int64(INDEX, entry.index())
        .message(TIME, timestamp(entry.time()))
        .string(PRINCIPAL, entry.principal())
        .string(ACTION, entry.action())
        .string(RESOURCE, entry.resource())
        .bytes(REQUEST_SHA256, entry.requestSha256())
        .string(OUTCOME, entry.outcome())
        .string(CLIENT_TOKEN, entry.clientToken())
        .toByteArray();
  }

  /** The leaf hash of the record: SHA-256(0x00 || canonical bytes). */
  public static byte[] leafHash(AuditEntry entry) {
    return MerkleHash.leaf(encode(entry));
  }

  /**
   * The record whose canonical bytes are {@code bytes}.
   *
   * @throws MalformedAuditRecordException if they are not canonical bytes of a record: not the wire
   *     format, an unknown or repeated field, fields out of order, a default value written out, no
   *     {@code time}, a string that is not UTF-8, or a value out of range
   */
  public static AuditEntry decode(byte[] bytes) {
    WireReader in = new WireReader(bytes, "not a canonical lockctl.v1.AuditRecord");
    long index = 0;
    Instant time = null;
    String[] strings = {"", "", "", "", "", "", "", "", ""};
    byte[] requestSha256 = new byte[0];
    int previous = 0;
    while (!in.atEnd()) {
      int at = in.position();
      int field = fieldOf(in, at, previous, CLIENT_TOKEN, RECORD_VARINTS, "lockctl.v1.AuditRecord");
      previous = field;
      String name = FIELD_NAMES[field];
      switch (field) {
        case INDEX -> {
          index = in.varint();
          if (index == 0) {
            throw in.malformed(at, "index 0 is written out (proto3 leaves defaults out)");
          }
          if (index < 0) {
            throw in.malformed(at, "index does not fit a signed 64-bit integer");
          }
        }
        case TIME -> time = timestamp(in, at);
        case REQUEST_SHA256 -> {
          requestSha256 = in.lengthDelimited();
          requireNotEmpty(in, at, name, requestSha256.length);
        }
        default -> {
          strings[field] = in.string(at, name);
          requireNotEmpty(in, at, name, strings[field].length());
        }
      }
    }
    if (time == null) {
      throw in.malformed(bytes.length, "time is missing");
    }
    try {
      return new AuditEntry(
          index,
          time,
          strings[PRINCIPAL],
          strings[ACTION],
          strings[RESOURCE],
          requestSha256,
          strings[OUTCOME],
          strings[CLIENT_TOKEN]);
    } catch (IllegalArgumentException e) {
      throw new MalformedAuditRecordException(
          "not a valid lockctl.v1.AuditRecord: " + e.getMessage(), e);
    }
  }

  private static byte[] timestamp(Instant time) {
    return new WireWriter()
        .int64(SECONDS, time.getEpochSecond())
        .int32(NANOS, time.getNano())
        .toByteArray();
  }

  private static Instant timestamp(WireReader outer, int at) {
    byte[] bytes = outer.lengthDelimited();
    WireReader in = new WireReader(bytes, "time of a lockctl.v1.AuditRecord at byte " + at);
    long seconds = 0;
    long nanos = 0;
    int previous = 0;
    while (!in.atEnd()) {
      int fieldAt = in.position();
      int field =
          fieldOf(in, fieldAt, previous, NANOS, TIMESTAMP_VARINTS, "google.protobuf.Timestamp");
      previous = field;
      long value = in.varint();
      if (value == 0) {
        throw in.malformed(fieldAt, "a 0 is written out (proto3 leaves defaults out)");
      }
      if (field == SECONDS) {
        seconds = value;
      } else if (value < 0 || value > 999_999_999) {
        throw in.malformed(fieldAt, "nanos must be 0-999999999, not " + value);
      } else {
        nanos = value;
      }
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw outer.malformed(at, "time's seconds " + seconds + " are out of range");
    }
  }

  /**
   * Reads a tag and returns its field, refusing fields out of order, repeated, unknown (above
   * {@code last}), or of the wrong wire type: a varint where {@code varints} has the field's bit,
   * length-delimited elsewhere.
   */
  private static int fieldOf(
      WireReader in, int at, int previous, int last, int varints, String message) {
    long tag = in.tag();
    long field = tag >>> 3;
    int wireType = (int) (tag & 7);
    if (field > last) {
      throw in.malformed(at, "field " + field + " is not a field of " + message);
    }
    if (field == previous) {
      throw in.malformed(at, "field " + field + " appears twice");
    }
    if (field < previous) {
      throw in.malformed(at, "field " + field + " comes after field " + previous);
    }
    int expected = (varints & (1 << field)) != 0 ? WireWriter.VARINT : WireWriter.LENGTH_DELIMITED;
    if (wireType != expected) {
      throw in.malformed(at, "field " + field + " has wire type " + wireType + ", not " + expected);
    }
    return (int) field;
  }

  private static void requireNotEmpty(WireReader in, int at, String field, int length) {
    if (length == 0) {
      throw in.malformed(at, field + " is written out empty (proto3 leaves defaults out)");
    }
  }
}
