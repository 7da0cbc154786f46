package io.lockctl.core.transaction;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys of everything a write reads or changes, besides its audit record. A store that several
 * processes write orders a scoped write only after the writes that share one of its keys, and lets
 * writes with disjoint scopes commit side by side; a write without a scope still runs in one order
 * with every other write. The scope is a promise: a write that touches a row its keys do not name
 * could lose an update to another process's write.
 *
 * @param keys sorted, so that every process takes their locks in one order
 */
public record WriteScope(Set<String> keys) {

  public WriteScope {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a write scope names at least one key");
    }
    keys = Collections.unmodifiableSortedSet(new TreeSet<>(keys));
  }

  public static WriteScope of(String key) {
    return new WriteScope(Set.of(key));
  }

  /** This scope and {@code key}. */
  public WriteScope and(String key) {
    TreeSet<String> more = new TreeSet<>(keys);
    more.add(key);
    return new WriteScope(more);
  }
}
