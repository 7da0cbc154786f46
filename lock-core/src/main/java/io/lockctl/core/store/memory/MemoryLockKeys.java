package io.lockctl.core.store.memory;

import io.lockctl.core.lockkey.LockKey;
import io.lockctl.core.lockkey.LockKeyRepository;
import java.util.List;
import java.util.Optional;

/** The lock keys table in memory, with its unique index by name. */
final class MemoryLockKeys implements LockKeyRepository {
  private final Tables tables;
  private final Writes writes;

  MemoryLockKeys(Tables tables, Writes writes) {
    this.tables = tables;
    this.writes = writes;
  }

  @Override
  public Optional<LockKey> findById(String id) {
    return Optional.ofNullable(tables.lockKeysById.get(id));
  }

  @Override
  public Optional<LockKey> findByName(String name) {
    return Optional.ofNullable(tables.lockKeyIdsByName.get(name)).flatMap(this::findById);
  }

  @Override
  public List<LockKey> list(String afterName, int limit) {
    return (afterName == null
            ? tables.lockKeyIdsByName
            : tables.lockKeyIdsByName.tailMap(afterName, false))
        .values().stream().limit(limit).map(tables.lockKeysById::get).toList();
  }

  @Override
  public void insert(LockKey key) {
    if (tables.lockKeyIdsByName.containsKey(key.name())) {
      throw new IllegalStateException("a lock key named " + key.name() + " exists");
    }
    writes.log().put(tables.lockKeysById, key.id(), key);
    writes.log().put(tables.lockKeyIdsByName, key.name(), key.id());
  }

  @Override
  public void update(LockKey key) {
    writes.log().put(tables.lockKeysById, key.id(), key);
  }

  @Override
  public void delete(String id) {
    LockKey key = tables.lockKeysById.get(id);
    if (key != null) {
      writes.log().remove(tables.lockKeysById, id);
      writes.log().remove(tables.lockKeyIdsByName, key.name());
    }
  }
}
