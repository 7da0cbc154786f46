package io.lockctl.server.testing;

import com.google.protobuf.Duration;
import io.lockctl.v1.CreateRuleRequest;
import io.lockctl.v1.CreateTargetRelationshipRequest;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.LockConfiguration;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockRuleRequest;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.ResourceTag;
import io.lockctl.v1.ResourceType;
import io.lockctl.v1.RestoreSnapshotRequest;
import io.lockctl.v1.SnapshotPolicy;
import io.lockctl.v1.SnapshotStatus;
import io.lockctl.v1.UnlockRuleRequest;
import io.lockctl.v1.UnlockSnapshotRequest;

/** Typical valid requests, for tests to adjust. */
public final class Requests {
  public static final String REGION = "cn-hangzhou";

  private Requests() {}

  /** The n-th well-formed snapshot id; ids sort as their numbers do. */
  public static String snapshotId(int n) {
    return "s-" + String.format("%020d", n);
  }

  /** Registers an ACCOMPLISHED, unshared, unmanaged snapshot kept until deleted. */
  public static RegisterSnapshotRequest.Builder register(String snapshotId) {
    return RegisterSnapshotRequest.newBuilder()
        .setRegionId(REGION)
        .setSnapshotId(snapshotId)
        .setStatus(SnapshotStatus.SNAPSHOT_STATUS_ACCOMPLISHED);
  }

  public static LockSnapshotRequest.Builder lock(String snapshotId, LockMode mode, int days) {
    return LockSnapshotRequest.newBuilder()
        .setRegionId(REGION)
        .setSnapshotId(snapshotId)
        .setLockMode(mode)
        .setLockDurationDays(days);
  }

  public static LockSnapshotRequest.Builder compliance(
      String snapshotId, int days, int coolOffHours) {
    return lock(snapshotId, LockMode.LOCK_MODE_COMPLIANCE, days)
        .setCoolOffPeriodHours(coolOffHours);
  }

  public static LockSnapshotRequest.Builder governance(String snapshotId, int days) {
    return lock(snapshotId, LockMode.LOCK_MODE_GOVERNANCE, days);
  }

  public static UnlockSnapshotRequest.Builder unlock(String snapshotId) {
    return UnlockSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(snapshotId);
  }

  public static DeleteSnapshotRequest.Builder deleteSnapshot(String snapshotId) {
    return DeleteSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(snapshotId);
  }

  public static RestoreSnapshotRequest.Builder restore(String snapshotId) {
    return RestoreSnapshotRequest.newBuilder().setRegionId(REGION).setSnapshotId(snapshotId);
  }

  /** A region-level SNAPSHOT rule without exclusions: lockable. */
  public static CreateRuleRequest.Builder regionRule(int retentionDays) {
    return CreateRuleRequest.newBuilder()
        .setRegionId(REGION)
        .setResourceType(ResourceType.RESOURCE_TYPE_SNAPSHOT)
        .setRetentionPeriodDays(retentionDays);
  }

  /** A tag-level SNAPSHOT rule retaining snapshots tagged {@code key=value}. */
  public static CreateRuleRequest.Builder tagRule(int retentionDays, String key, String value) {
    return regionRule(retentionDays).addResourceTags(tag(key, value));
  }

  public static ResourceTag tag(String key, String value) {
    return ResourceTag.newBuilder().setKey(key).setValue(value).build();
  }

  public static LockConfiguration delay(int unlockDelayDays) {
    return LockConfiguration.newBuilder().setUnlockDelayDays(unlockDelayDays).build();
  }

  public static LockRuleRequest.Builder lockRule(String identifier, int unlockDelayDays) {
    return LockRuleRequest.newBuilder()
        .setRegionId(REGION)
        .setIdentifier(identifier)
        .setLockConfiguration(delay(unlockDelayDays));
  }

  public static UnlockRuleRequest.Builder unlockRule(String identifier) {
    return UnlockRuleRequest.newBuilder().setRegionId(REGION).setIdentifier(identifier);
  }

  /**
   * A relationship into {@link #REGION} whose policy snapshots expire after {@code ttlDays} (0:
   * never).
   */
  public static CreateTargetRelationshipRequest.Builder relationship(int ttlDays) {
    CreateTargetRelationshipRequest.Builder request =
        CreateTargetRelationshipRequest.newBuilder()
            .setRegionId(REGION)
            .setSourceCluster("cluster-a")
            .setSourcePath("/data")
            .setTargetPath("/replica");
    if (ttlDays > 0) {
      request.setSnapshotPolicy(
          SnapshotPolicy.newBuilder()
              .setExpirationTtl(Duration.newBuilder().setSeconds(ttlDays * 86_400L)));
    }
    return request;
  }
}
