package io.lockctl.core.transaction;

import java.util.HashSet;
import java.util.Set;

/**
 * The keys of everything a write reads or changes, besides its audit record. A store that several
 * processes write orders a scoped write only after the writes that share one of its keys, and lets
 * writes with disjoint scopes commit side by side; a write without a scope still runs in one order
 * with every other write. The scope is a promise: a write that touches a row its keys do not name
 * could lose an update to another process's write. The store chooses the order in which it locks
 * the keys.
 */
public record WriteScope(Set<String> keys) {

  public WriteScope {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a write scope names at least one key");
    }
    keys = Set.copyOf(keys);
  }

  public static WriteScope of(String key) {
    return new WriteScope(Set.of(key));
  }

  /** This scope and {@code key}. */
  public WriteScope and(String key) {
    Set<String> more = new HashSet<>(keys);
    more.add(key);
    return new WriteScope(more);
  }
}
