package io.lockctl.core.replication;

import io.lockctl.core.lockkey.KeyHolder;
import io.lockctl.core.lockkey.KeyHolders;
import java.util.List;

/**
 * The relationships as the lock keys see them: which hold a key, current or dormant, and dropping a
 * dormant one. Stores hand it out over their relationships, so the lock-key rules need not know
 * what a relationship is.
 */
public final class RelationshipKeyHolders implements KeyHolders {
  private final TargetRelationshipRepository relationships;

  public RelationshipKeyHolders(TargetRelationshipRepository relationships) {
    this.relationships = relationships;
  }

  @Override
  public List<KeyHolder> holding(String keyId, String afterRelationshipId, int limit) {
    return relationships.listUsingKey(keyId, afterRelationshipId, limit).stream()
        .map(
            relationship ->
                new KeyHolder(
                    relationship.id(),
                    relationship.regionId(),
                    relationship.currentKeyId().filter(keyId::equals).isPresent()
                        ? KeyHolder.Role.CURRENT
                        : KeyHolder.Role.DORMANT))
        .toList();
  }

  @Override
  public void dropDormant(String relationshipId) {
    relationships
        .find(relationshipId)
        .map(TargetRelationship::withoutDormantKey)
        .ifPresent(relationships::update);
  }
}
