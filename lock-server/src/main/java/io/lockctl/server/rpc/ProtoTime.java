package io.lockctl.server.rpc;

import com.google.protobuf.Timestamp;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps <-> instants at lockctl's precision, milliseconds. */
public final class ProtoTime {
  /** The range google.protobuf.Timestamp allows: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z. */
  private static final long MIN_SECONDS = -62_135_596_800L;

  private static final long MAX_SECONDS = 253_402_300_799L;

  private ProtoTime() {}

  /** The instant {@code timestamp} names, truncated to millis; {@code field} names it in errors. */
  public static Instant toInstant(Timestamp timestamp, String field) {
    if (timestamp.getSeconds() < MIN_SECONDS
        || timestamp.getSeconds() > MAX_SECONDS
        || timestamp.getNanos() < 0
        || timestamp.getNanos() > 999_999_999) {
      throw Rejection.invalidField(Reason.INVALID_PARAMETER, field, "is not a valid timestamp")
          .toException();
    }
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos())
        .truncatedTo(ChronoUnit.MILLIS);
  }

  public static Timestamp toTimestamp(Instant instant) {
    Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
    return Timestamp.newBuilder()
        .setSeconds(millis.getEpochSecond())
        .setNanos(millis.getNano())
        .build();
  }
}
