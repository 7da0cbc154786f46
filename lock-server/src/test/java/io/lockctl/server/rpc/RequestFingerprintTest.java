package io.lockctl.server.rpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotRequest;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {
  private static final LockSnapshotRequest LOCK =
      LockSnapshotRequest.newBuilder()
          .setRegionId("cn-hangzhou")
          .setSnapshotId("s-00000000000000000001")
          .setLockMode(LockMode.LOCK_MODE_COMPLIANCE)
          .setLockDurationDays(30)
          .build();

  @Test
  void theTokenAndDryRunDoNotCount() {
    assertArrayEquals(
        RequestFingerprint.of(LOCK),
        RequestFingerprint.of(LOCK.toBuilder().setClientToken("t").setDryRun(true).build()));
  }

  @Test
  void isTheSha256OfTheBytesWithoutTheTokenAndDryRun() throws Exception {
    byte[] expected = MessageDigest.getInstance("SHA-256").digest(LOCK.toByteArray());

    assertArrayEquals(expected, RequestFingerprint.of(LOCK));
    assertArrayEquals(
        expected, RequestFingerprint.of(LOCK.toBuilder().setClientToken("token-1").build()));
    assertArrayEquals(expected, RequestFingerprint.of(LOCK.toBuilder().setDryRun(true).build()));
  }

  @Test
  void everyOtherFieldCounts() {
    byte[] fingerprint = RequestFingerprint.of(LOCK);

    assertEquals(32, fingerprint.length);
    assertFalse(
        Arrays.equals(
            fingerprint, RequestFingerprint.of(LOCK.toBuilder().setLockDurationDays(31).build())));
    assertFalse(
        Arrays.equals(
            fingerprint, RequestFingerprint.of(LOCK.toBuilder().setCoolOffPeriodHours(1).build())));
    // an explicit zero in a oneof is a different request from no term at all
    assertFalse(
        Arrays.equals(
            RequestFingerprint.of(LOCK.toBuilder().clearTerm().build()),
            RequestFingerprint.of(LOCK.toBuilder().setLockDurationDays(0).build())));
  }

  @Test
  void mapEntryOrderDoesNotCount() {
    RegisterSnapshotRequest ab =
        RegisterSnapshotRequest.newBuilder()
            .putTags("a", "1")
            .putTags("b", "2")
            .putTags("c", "3")
            .build();
    RegisterSnapshotRequest cba =
        RegisterSnapshotRequest.newBuilder()
            .putTags("c", "3")
            .putTags("b", "2")
            .putTags("a", "1")
            .build();

    assertArrayEquals(RequestFingerprint.of(ab), RequestFingerprint.of(cba));
  }
}
