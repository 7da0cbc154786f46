package io.lockctl.core.lockkey;

import java.util.List;

/**
 * An accepted change of a lock key and what it does to the relationships: disabling or deleting a
 * dormant key drops it from the relationships that kept it, so a later revert does not restore it.
 *
 * @param key the key after the change (as it was, for a deletion)
 * @param detached the relationships to drop the key from their dormant slot
 */
public record KeyChange(LockKey key, List<KeyHolder> detached) {

  public KeyChange {
    detached = List.copyOf(detached);
  }
}
