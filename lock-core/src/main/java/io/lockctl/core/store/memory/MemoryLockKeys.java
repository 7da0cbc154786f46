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
    if (tables.lockKeysById.containsKey(key.id())) {
      throw Tables.keyTaken("lock key " + key.id());
    }
    claimName(key);
    writes.log().put(tables.lockKeysById, key.id(), key);
  }

  @Override
  public void update(LockKey key) {
    LockKey stored = tables.lockKeysById.get(key.id());
    if (stored == null) {
      throw new IllegalStateException("no lock key " + key.id() + " to update");
    }
    if (!stored.name().equals(key.name())) {
      // Names never change today; if one did, its index would follow, as the SQL stores' does.
      claimName(key);
      writes.log().remove(tables.lockKeyIdsByName, stored.name());
    }
    writes.log().put(tables.lockKeysById, key.id(), key);
  }

  /** Enters {@code key}'s name in the unique index, or fails as the SQL stores' constraint does. */
  private void claimName(LockKey key) {
    if (tables.lockKeyIdsByName.containsKey(key.name())) {
      throw Tables.keyTaken("lock key name " + key.name());
    }
    writes.log().put(tables.lockKeyIdsByName, key.name(), key.id());
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
