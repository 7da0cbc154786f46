package io.lockctl.core.lockkey;

/** Lock keys as stored, for writes. */
public interface LockKeyRepository extends LockKeyReader {

  /** Adds a key whose id and name are not taken (the caller checked). */
  void insert(LockKey key);

  /** Replaces the stored key with the same id (its name never changes). */
  void update(LockKey key);

  void delete(String id);
}
