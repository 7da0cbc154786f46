package io.lockctl.core.replication;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import java.util.Map;

/** Refusals shared by the replication decisions, so each is worded (and carries metadata) alike. */
final class ReplicationRejections {

  private ReplicationRejections() {}

  static Rejection relationshipNotFound(String id) {
    return Rejection.of(
        Reason.RELATIONSHIP_NOT_FOUND,
        "target relationship " + id + " not found",
        Map.of("relationship_id", id));
  }

  static Rejection invalidState(String refused, TargetRelationship relationship) {
    return Rejection.of(
        Reason.INVALID_RELATIONSHIP_STATE,
        refused + ": relationship " + relationship.id() + " is " + relationship.orientation(),
        Map.of("orientation", relationship.orientation().name()));
  }
}
