package io.lockctl.server.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtoTimeTest {

  @Test
  void instantsAreTruncatedToMillis() {
    Timestamp precise =
        Timestamp.newBuilder().setSeconds(1_900_000_000L).setNanos(987_654_321).build();

    assertEquals(
        Instant.ofEpochSecond(1_900_000_000L, 987_000_000), ProtoTime.toInstant(precise, "t"));
    assertEquals(
        Timestamp.newBuilder().setSeconds(1_900_000_000L).setNanos(987_000_000).build(),
        ProtoTime.toTimestamp(Instant.ofEpochSecond(1_900_000_000L, 987_654_321)));
  }

  @Test
  void timestampsOutsideTheProtobufRangeAreInvalidFields() {
    RejectedException badNanos =
        assertThrows(
            RejectedException.class,
            () ->
                ProtoTime.toInstant(
                    Timestamp.newBuilder().setNanos(1_000_000_000).build(), "expire_time"));
    RejectedException afterYear9999 =
        assertThrows(
            RejectedException.class,
            () ->
                ProtoTime.toInstant(
                    Timestamp.newBuilder().setSeconds(253_402_300_800L).build(), "create_time"));

    assertEquals(Reason.INVALID_PARAMETER, badNanos.reason());
    assertEquals(
        List.of("expire_time"),
        badNanos.rejection().violations().stream().map(FieldViolation::field).toList());
    assertEquals(
        List.of("create_time"),
        afterYear9999.rejection().violations().stream().map(FieldViolation::field).toList());
  }
}
