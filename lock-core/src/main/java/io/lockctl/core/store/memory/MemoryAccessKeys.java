package io.lockctl.core.store.memory;

import io.lockctl.core.accesskey.AccessKey;
import io.lockctl.core.accesskey.AccessKeyRepository;
import java.util.List;
import java.util.Optional;

/** The access keys table in memory, by id. */
final class MemoryAccessKeys implements AccessKeyRepository {
  private final Tables tables;
  private final Writes writes;

  MemoryAccessKeys(Tables tables, Writes writes) {
    this.tables = tables;
    this.writes = writes;
  }

  @Override
  public Optional<AccessKey> find(String id) {
    return Optional.ofNullable(tables.accessKeys.get(id));
  }

  @Override
  public List<AccessKey> list(String principal, String afterId, int limit) {
    return (afterId == null ? tables.accessKeys : tables.accessKeys.tailMap(afterId, false))
        .values().stream()
            .filter(key -> principal.isEmpty() || key.principal().equals(principal))
            .limit(limit)
            .toList();
  }

  @Override
  public void insert(AccessKey key) {
    if (tables.accessKeys.containsKey(key.id())) {
      throw Tables.keyTaken("access key " + key.id());
    }
    writes.log().put(tables.accessKeys, key.id(), key);
  }

  @Override
  public void delete(String id) {
    if (tables.accessKeys.containsKey(id)) {
      writes.log().remove(tables.accessKeys, id);
    }
  }
}
