package io.lockctl.core.replication;

import java.util.List;
import java.util.Optional;

/** Target relationships as stored, read only. Implemented by each store. */
public interface TargetRelationshipReader {

  Optional<TargetRelationship> find(String id);

  /**
   * Relationships in ascending id order after {@code afterId} ({@code null} to start at the first),
   * only those of {@code regionId} unless it is {@code null}.
   */
  List<TargetRelationship> list(String regionId, String afterId, int limit);

  /**
   * Relationships whose {@code originalKeyId} or {@code reversedKeyId} is {@code keyId}, whatever
   * the orientation, in ascending id order after {@code afterId} ({@code null} to start).
   */
  List<TargetRelationship> listUsingKey(String keyId, String afterId, int limit);
}
