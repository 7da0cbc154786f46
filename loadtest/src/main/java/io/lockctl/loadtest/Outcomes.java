package io.lockctl.loadtest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts by label (a status code name), updated from any thread. */
final class Outcomes {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void add(String label) {
    counts.computeIfAbsent(label, l -> new LongAdder()).increment();
  }

  Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((label, count) -> copy.put(label, count.sum()));
    return copy;
  }
}
