package io.lockctl.server.replication;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.lockkey.KeyHolder;
import io.lockctl.core.lockkey.KeyLockedSnapshot;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.LockKeyUsage;
import io.lockctl.core.replication.Orientation;
import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.v1.LockKeyRole;
import io.lockctl.v1.RelationshipKeyUsage;
import io.lockctl.v1.RelationshipOrientation;
import io.lockctl.v1.SnapshotKeyUsage;
import io.lockctl.v1.SnapshotPolicy;
import java.time.Duration;

/** Lock keys, relationships and key usages between the domain and lockctl.v1 messages. */
public final class ReplicationMessages {
  /** The range google.protobuf.Duration allows: about +-10,000 years. */
  private static final long MAX_DURATION_SECONDS = 315_576_000_000L;

  private ReplicationMessages() {}

  public static io.lockctl.v1.LockKey toProto(LockKey key) {
    return io.lockctl.v1.LockKey.newBuilder()
        .setLockKeyId(key.id())
        .setName(key.name())
        .setComment(key.comment())
        .setPublicKey(key.publicKeyPem())
        .setDisabled(key.disabled())
        .setCreateTime(ProtoTime.toTimestamp(key.createTime()))
        .build();
  }

  public static io.lockctl.v1.TargetRelationship toProto(TargetRelationship relationship) {
    SnapshotPolicy.Builder policy = SnapshotPolicy.newBuilder();
    if (relationship.hasExpiration()) {
      Duration ttl = relationship.expirationTtl();
      policy.setExpirationTtl(
          com.google.protobuf.Duration.newBuilder()
              .setSeconds(ttl.getSeconds())
              .setNanos(ttl.getNano()));
    }
    return io.lockctl.v1.TargetRelationship.newBuilder()
        .setRelationshipId(relationship.id())
        .setRegionId(relationship.regionId())
        .setSourceCluster(relationship.sourceCluster())
        .setSourcePath(relationship.sourcePath())
        .setTargetPath(relationship.targetPath())
        .setSnapshotPolicy(policy)
        .setOrientation(toProto(relationship.orientation()))
        .setLockKeyRef(relationship.currentKeyId().orElse(""))
        .setDormantLockKeyRef(relationship.dormantKeyId().orElse(""))
        .setCreateTime(ProtoTime.toTimestamp(relationship.createTime()))
        .build();
  }

  static io.lockctl.v1.LockKeyUsage toProto(LockKeyUsage usage) {
    io.lockctl.v1.LockKeyUsage.Builder proto = io.lockctl.v1.LockKeyUsage.newBuilder();
    if (usage instanceof LockKeyUsage.Relationship relationship) {
      KeyHolder holder = relationship.holder();
      return proto
          .setRelationship(
              RelationshipKeyUsage.newBuilder()
                  .setRelationshipId(holder.relationshipId())
                  .setRegionId(holder.regionId())
                  .setRole(
                      holder.role() == KeyHolder.Role.CURRENT
                          ? LockKeyRole.LOCK_KEY_ROLE_CURRENT
                          : LockKeyRole.LOCK_KEY_ROLE_DORMANT))
          .build();
    }
    KeyLockedSnapshot snapshot = ((LockKeyUsage.Snapshot) usage).snapshot();
    SnapshotKeyUsage.Builder locked =
        SnapshotKeyUsage.newBuilder()
            .setRegionId(snapshot.regionId())
            .setSnapshotId(snapshot.snapshotId());
    if (snapshot.lockExpireTime() != null) {
      locked.setLockExpiredTime(ProtoTime.toTimestamp(snapshot.lockExpireTime()));
    }
    return proto.setSnapshot(locked).build();
  }

  /**
   * The policy's expiration; {@link Duration#ZERO} when absent. A value outside what
   * google.protobuf.Duration allows is INVALID_PARAMETER; the domain checks the range it accepts.
   */
  static Duration expirationTtl(SnapshotPolicy policy) {
    if (!policy.hasExpirationTtl()) {
      return Duration.ZERO;
    }
    com.google.protobuf.Duration ttl = policy.getExpirationTtl();
    long seconds = ttl.getSeconds();
    int nanos = ttl.getNanos();
    // Compared without Math.abs, which leaves Long.MIN_VALUE negative.
    if (seconds < -MAX_DURATION_SECONDS
        || seconds > MAX_DURATION_SECONDS
        || nanos < -999_999_999
        || nanos > 999_999_999
        || (seconds > 0 && nanos < 0)
        || (seconds < 0 && nanos > 0)) {
      throw Rejection.invalidField(
              Reason.INVALID_PARAMETER, "snapshot_policy.expiration_ttl", "is not a valid duration")
          .toException();
    }
    return Duration.ofSeconds(seconds, nanos);
  }

  private static RelationshipOrientation toProto(Orientation orientation) {
    return switch (orientation) {
      case ORIGINAL -> RelationshipOrientation.RELATIONSHIP_ORIENTATION_ORIGINAL;
      case REVERSED -> RelationshipOrientation.RELATIONSHIP_ORIENTATION_REVERSED;
    };
  }
}
