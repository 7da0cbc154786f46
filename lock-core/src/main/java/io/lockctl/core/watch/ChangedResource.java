package io.lockctl.core.watch;

import io.lockctl.core.audit.ResourceState;
import io.lockctl.core.idempotency.BinaryReader;
import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.LockKeyCodec;
import io.lockctl.core.replication.ReplicationCodecs;
import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RuleCodec;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotCodecs;

/** The resource as a change left it, read back from the state kept beside its audit record. */
public sealed interface ChangedResource {

  record SnapshotAfter(Snapshot snapshot) implements ChangedResource {}

  record RuleAfter(RetentionRule rule) implements ChangedResource {}

  record RelationshipAfter(TargetRelationship relationship) implements ChangedResource {}

  record LockKeyAfter(LockKey key) implements ChangedResource {}

  /** Gone after the change, or of a kind the stream does not show. */
  record None() implements ChangedResource {}

  ChangedResource NONE = new None();

  /** Decodes {@code state} with the codec its kind names. */
  static ChangedResource of(ResourceState state) {
    byte[] bytes = state.state();
    if (bytes.length == 0) {
      return NONE;
    }
    return switch (state.kind()) {
      case SnapshotCodecs.KIND ->
          new SnapshotAfter(SnapshotCodecs.readSnapshot(new BinaryReader(bytes)));
      case RuleCodec.KIND -> new RuleAfter(RuleCodec.readRule(new BinaryReader(bytes)));
      case ReplicationCodecs.KIND ->
          new RelationshipAfter(ReplicationCodecs.RELATIONSHIP.decode(bytes));
      case LockKeyCodec.KIND -> new LockKeyAfter(LockKeyCodec.KEY.decode(bytes));
      default -> NONE;
    };
  }
}
