package io.lockctl.core.store.memory;

import io.lockctl.core.replication.TargetRelationship;
import io.lockctl.core.replication.TargetRelationshipRepository;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The target relationships table in memory. */
final class MemoryRelationships implements TargetRelationshipRepository {
  private final Tables tables;
  private final Writes writes;

  MemoryRelationships(Tables tables, Writes writes) {
    this.tables = tables;
    this.writes = writes;
  }

  @Override
  public Optional<TargetRelationship> find(String id) {
    return Optional.ofNullable(tables.relationships.get(id));
  }

  @Override
  public List<TargetRelationship> list(String regionId, String afterId, int limit) {
    return after(afterId).stream()
        .filter(relationship -> regionId == null || relationship.regionId().equals(regionId))
        .limit(limit)
        .toList();
  }

  @Override
  public List<TargetRelationship> listUsingKey(String keyId, String afterId, int limit) {
    return after(afterId).stream()
        .filter(
            relationship ->
                Objects.equals(relationship.originalKeyId(), keyId)
                    || Objects.equals(relationship.reversedKeyId(), keyId))
        .limit(limit)
        .toList();
  }

  @Override
  public void insert(TargetRelationship relationship) {
    if (tables.relationships.containsKey(relationship.id())) {
      throw Tables.keyTaken("relationship " + relationship.id());
    }
    writes.log().put(tables.relationships, relationship.id(), relationship);
  }

  @Override
  public void update(TargetRelationship relationship) {
    if (!tables.relationships.containsKey(relationship.id())) {
      throw new IllegalStateException("no relationship " + relationship.id() + " to update");
    }
    writes.log().put(tables.relationships, relationship.id(), relationship);
  }

  @Override
  public void delete(String id) {
    writes.log().remove(tables.relationships, id);
  }

  private Collection<TargetRelationship> after(String afterId) {
    return (afterId == null ? tables.relationships : tables.relationships.tailMap(afterId, false))
        .values();
  }
}
