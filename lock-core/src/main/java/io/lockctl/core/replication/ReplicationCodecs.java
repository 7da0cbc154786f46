package io.lockctl.core.replication;

import io.lockctl.core.audit.ResourceState;
import io.lockctl.core.idempotency.BinaryReader;
import io.lockctl.core.idempotency.BinaryWriter;
import io.lockctl.core.idempotency.ResultCodec;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.snapshot.SnapshotCodecs;

/** How the replication operations' results are remembered with a client token. */
public final class ReplicationCodecs {
  public static final ResultCodec<TargetRelationship> RELATIONSHIP =
      new ResultCodec<>() {
        @Override
        public void write(TargetRelationship relationship, BinaryWriter out) {
          writeRelationship(relationship, out);
        }

        @Override
        public TargetRelationship read(BinaryReader in) {
          return readRelationship(in);
        }
      };

  static final ResultCodec<AsOf<PolicySnapshot>> POLICY_SNAPSHOT =
      AsOf.codec(
          (created, out) -> {
            SnapshotCodecs.writeSnapshot(created.snapshot(), out);
            out.writeString(created.createdByPolicy()).writeInstant(created.expireTime());
          },
          in ->
              new PolicySnapshot(
                  SnapshotCodecs.readSnapshot(in), in.readString(), in.readInstant()));

  /** The kind of {@link #state}: a relationship written by {@link #RELATIONSHIP}. */
  public static final String KIND = "target-relationship";

  private ReplicationCodecs() {}

  /** The relationship as a mutation left it; {@code null} for a deleted one. */
  static ResourceState state(TargetRelationship relationship) {
    return new ResourceState(
        KIND, relationship == null ? new byte[0] : RELATIONSHIP.encode(relationship));
  }

  private static void writeRelationship(TargetRelationship relationship, BinaryWriter out) {
    out.writeString(relationship.id())
        .writeString(relationship.regionId())
        .writeString(relationship.sourceCluster())
        .writeString(relationship.sourcePath())
        .writeString(relationship.targetPath())
        .writeDuration(relationship.expirationTtl())
        .writeEnum(relationship.orientation())
        .writeString(relationship.originalKeyId())
        .writeString(relationship.reversedKeyId())
        .writeInstant(relationship.createTime());
  }

  private static TargetRelationship readRelationship(BinaryReader in) {
    // Arguments are evaluated left to right, so each is read in the order it was written.
    return new TargetRelationship(
        in.readString(),
        in.readString(),
        in.readString(),
        in.readString(),
        in.readString(),
        in.readDuration(),
        in.readEnum(Orientation.class),
        in.readString(),
        in.readString(),
        in.readInstant());
  }
}
