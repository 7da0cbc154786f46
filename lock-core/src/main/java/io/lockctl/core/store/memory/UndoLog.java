package io.lockctl.core.store.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * The changes one write made to the in-memory tables, so that they can be taken back: a failed or
 * dry-run write leaves the tables exactly as they were.
 */
final class UndoLog {
  private final Deque<Runnable> undo = new ArrayDeque<>();

  <K, V> void put(Map<K, V> table, K key, V value) {
    remember(table, key);
    table.put(key, value);
  }

  <K, V> void remove(Map<K, V> table, K key) {
    remember(table, key);
    table.remove(key);
  }

  /** Puts every changed entry back as it was, the latest change first. */
  void rollBack() {
    while (!undo.isEmpty()) {
      undo.pop().run();
    }
  }

  private <K, V> void remember(Map<K, V> table, K key) {
    if (table.containsKey(key)) {
      V before = table.get(key);
      undo.push(() -> table.put(key, before));
    } else {
      undo.push(() -> table.remove(key));
    }
  }
}
