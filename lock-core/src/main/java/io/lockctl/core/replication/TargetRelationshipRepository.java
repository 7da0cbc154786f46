package io.lockctl.core.replication;

/** Target relationships as stored, for writes. */
public interface TargetRelationshipRepository extends TargetRelationshipReader {

  /** Adds a relationship whose id is not taken. */
  void insert(TargetRelationship relationship);

  /** Replaces the stored relationship with the same id. */
  void update(TargetRelationship relationship);

  void delete(String id);
}
