package io.lockctl.core.replication;

import java.util.List;
import java.util.Optional;

/** Lock keys as stored. Implemented by each store backend. */
public interface LockKeyRepository {

  Optional<LockKey> findById(String id);

  Optional<LockKey> findByName(String name);

  /** Adds a key whose id and name are not taken (the caller checked). */
  void insert(LockKey key);

  /** Replaces the stored key with the same id (its name never changes). */
  void update(LockKey key);

  void delete(String id);

  /** Keys in ascending name order, after {@code afterName} ({@code null} to start at the first). */
  List<LockKey> list(String afterName, int limit);
}
