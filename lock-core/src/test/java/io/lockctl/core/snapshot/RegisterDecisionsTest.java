package io.lockctl.core.snapshot;

import static io.lockctl.core.snapshot.Fixtures.ID;
import static io.lockctl.core.snapshot.Fixtures.REGION;
import static io.lockctl.core.snapshot.Fixtures.T0;
import static io.lockctl.core.snapshot.Fixtures.accepted;
import static io.lockctl.core.snapshot.Fixtures.accomplished;
import static io.lockctl.core.snapshot.Fixtures.fields;
import static io.lockctl.core.snapshot.Fixtures.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.core.error.Decision;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** RegisterSnapshot: every field's rule, all violations at once, and duplicates. */
class RegisterDecisionsTest {
  private static final Instant NOW = T0.plusSeconds(3600);

  private static RegisterSnapshotCommand command(
      SnapshotStatus status,
      int retention,
      String managedBy,
      Map<String, String> tags,
      Instant createTime) {
    return new RegisterSnapshotCommand(
        REGION, ID, status, retention, false, managedBy, tags, createTime);
  }

  private static Decision<Snapshot> register(RegisterSnapshotCommand command) {
    return SnapshotDecisions.register(null, command, command.snapshotId(), NOW);
  }

  private static Rejection invalid(RegisterSnapshotCommand command) {
    return rejected(register(command), Reason.INVALID_PARAMETER);
  }

  @Test
  void aSnapshotIsRegisteredActiveAndUnlocked() {
    Snapshot snapshot =
        accepted(
            register(
                new RegisterSnapshotCommand(
                    REGION,
                    ID,
                    SnapshotStatus.PROGRESSING,
                    7,
                    true,
                    "backup.svc",
                    Map.of("env", "prod"),
                    T0)));
    assertEquals(
        new Snapshot(
            REGION,
            ID,
            SnapshotStatus.PROGRESSING,
            7,
            true,
            "backup.svc",
            Map.of("env", "prod"),
            T0,
            SnapshotState.ACTIVE,
            null,
            null),
        snapshot);
  }

  @Test
  void theCreateTimeDefaultsToNow() {
    assertEquals(
        NOW,
        accepted(register(command(SnapshotStatus.FAILED, 0, "", Map.of(), null))).createTime());
  }

  @Test
  void theCreateTimeIsKeptToTheMillisecondAndMayNotBeInTheFuture() {
    assertEquals(
        NOW,
        accepted(
                register(
                    command(SnapshotStatus.ACCOMPLISHED, 0, "", Map.of(), NOW.plusNanos(999_999))))
            .createTime());
    assertEquals(
        List.of("create_time"),
        fields(invalid(command(SnapshotStatus.ACCOMPLISHED, 0, "", Map.of(), NOW.plusMillis(1)))));
  }

  @Test
  void theStatusIsRequired() {
    assertEquals(List.of("status"), fields(invalid(command(null, 0, "", Map.of(), null))));
  }

  @Test
  void everyViolationIsReportedAtOnce() {
    Rejection rejection =
        rejected(
            register(
                new RegisterSnapshotCommand(
                    "Region!",
                    "s-1",
                    null,
                    -1,
                    false,
                    "-leading-dash",
                    Map.of("aws:x", "v", "ok", "x".repeat(257)),
                    NOW.plusSeconds(1))),
            Reason.INVALID_PARAMETER);
    assertEquals(
        List.of(
            "region_id",
            "snapshot_id",
            "status",
            "retention_days",
            "managed_by",
            "tags[aws:x]",
            "tags[ok]",
            "create_time"),
        fields(rejection));
  }

  @Test
  void retentionIs0To65536Days() {
    accepted(register(command(SnapshotStatus.ACCOMPLISHED, 65536, "", Map.of(), null)));
    assertEquals(
        List.of("retention_days"),
        fields(invalid(command(SnapshotStatus.ACCOMPLISHED, 65537, "", Map.of(), null))));
    invalid(command(SnapshotStatus.ACCOMPLISHED, -1, "", Map.of(), null));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a",
        "ecs",
        "Backup_1.svc-x",
        "0123456789012345678901234567890123456789012345678901234567890123"
      })
  void managedByNamesAProduct(String managedBy) {
    accepted(register(command(SnapshotStatus.ACCOMPLISHED, 0, managedBy, Map.of(), null)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-a",
        ".a",
        "a b",
        "a/b",
        "01234567890123456789012345678901234567890123456789012345678901234"
      })
  void managedByOutsideThePatternIsRefused(String managedBy) {
    assertEquals(
        List.of("managed_by"),
        fields(invalid(command(SnapshotStatus.ACCOMPLISHED, 0, managedBy, Map.of(), null))));
  }

  @Test
  void atMost50Tags() {
    Map<String, String> tags = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      tags.put("k" + i, "v");
    }
    accepted(register(command(SnapshotStatus.ACCOMPLISHED, 0, "", tags, null)));
    tags.put("one-more", "v");
    assertEquals(
        List.of("tags"), fields(invalid(command(SnapshotStatus.ACCOMPLISHED, 0, "", tags, null))));
  }

  @Test
  void tagKeysAre1To128CharactersWithoutReservedPrefixes() {
    accepted(
        register(
            command(
                SnapshotStatus.ACCOMPLISHED,
                0,
                "",
                Map.of("k".repeat(128), "", "awsome", "v", "v".repeat(1), "v".repeat(256)),
                null)));
    invalid(command(SnapshotStatus.ACCOMPLISHED, 0, "", Map.of("", "v"), null));
    invalid(command(SnapshotStatus.ACCOMPLISHED, 0, "", Map.of("k".repeat(129), "v"), null));
    invalid(command(SnapshotStatus.ACCOMPLISHED, 0, "", Map.of("acs:owner", "v"), null));
    invalid(command(SnapshotStatus.ACCOMPLISHED, 0, "", Map.of("aws:owner", "v"), null));
    invalid(command(SnapshotStatus.ACCOMPLISHED, 0, "", Map.of("k", "v".repeat(257)), null));
  }

  @Test
  void aTakenIdAlreadyExists() {
    rejected(
        SnapshotDecisions.register(
            accomplished(), command(SnapshotStatus.ACCOMPLISHED, 0, "", Map.of(), null), ID, NOW),
        Reason.SNAPSHOT_ALREADY_EXISTS);
  }

  @Test
  void fieldsAreCheckedBeforeTheIdIsFoundTaken() {
    rejected(
        SnapshotDecisions.register(accomplished(), command(null, 0, "", Map.of(), null), ID, NOW),
        Reason.INVALID_PARAMETER);
  }
}
