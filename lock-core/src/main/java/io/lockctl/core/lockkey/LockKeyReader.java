package io.lockctl.core.lockkey;

import io.lockctl.core.ids.Identifiers;
import java.util.List;
import java.util.Optional;

/** Lock keys as stored, read only. Implemented by each store. */
public interface LockKeyReader {

  Optional<LockKey> findById(String id);

  Optional<LockKey> findByName(String name);

  /** Keys in ascending name order, after {@code afterName} ({@code null} to start at the first). */
  List<LockKey> list(String afterName, int limit);

  /** A key by id or by name: a name never has the form of an id. */
  default Optional<LockKey> resolve(String lockKeyRef) {
    return Identifiers.isLockKeyId(lockKeyRef) ? findById(lockKeyRef) : findByName(lockKeyRef);
  }
}
