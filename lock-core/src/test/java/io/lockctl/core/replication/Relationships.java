package io.lockctl.core.replication;

import static io.lockctl.core.lockkey.Fx.REGION;
import static io.lockctl.core.lockkey.Fx.REL_ID;
import static io.lockctl.core.lockkey.Fx.T0;
import static io.lockctl.core.lockkey.Fx.WEEK;

import java.time.Duration;

/** Relationships for the replication decision tests; all times are explicit. */
final class Relationships {

  private Relationships() {}

  /** {@link io.lockctl.core.lockkey.Fx#REL_ID}, ORIGINAL and without keys, created at T0. */
  static TargetRelationship relationship(Duration ttl) {
    return new TargetRelationship(
        REL_ID,
        REGION,
        "cluster-a",
        "/data",
        "/replica",
        ttl,
        Orientation.ORIGINAL,
        null,
        null,
        T0);
  }

  static TargetRelationship withKeys(
      Orientation orientation, String originalKeyId, String reversedKeyId) {
    return relationship(WEEK).withOrientation(orientation, originalKeyId, reversedKeyId);
  }
}
