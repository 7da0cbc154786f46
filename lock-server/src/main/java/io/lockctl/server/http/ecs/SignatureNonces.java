package io.lockctl.server.http.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code x-acs-signature-nonce}s of the signed ECS requests this server accepted recently, so
 * that a captured request sent again is refused. A request is accepted while its {@code x-acs-date}
 * is within the skew either way, so a copy can come back up to twice the skew after the first was
 * seen: each nonce is kept that long ({@code window}), and at most {@code capacity} of them, the
 * oldest forgotten first when more arrive. Kept in memory: each replica remembers only what it
 * accepted.
 */
final class SignatureNonces {
  private final Duration window;
  private final int capacity;

  /** Key id and nonce, in the order first seen, with the time they were seen. */
  private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

  SignatureNonces(Duration window, int capacity) {
    this.window = window;
    this.capacity = capacity;
  }

  /** Remembers the nonce; false when the key already used it within the window. */
  synchronized boolean firstUse(String accessKeyId, String nonce, Instant now) {
    forgetOlderThan(now.minus(window));
    String key = accessKeyId + "\n" + nonce;
    if (seen.containsKey(key)) {
      return false;
    }
    if (seen.size() >= capacity) {
      Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
      oldest.next();
      oldest.remove();
    }
    seen.put(key, now);
    return true;
  }

  synchronized int size() {
    return seen.size();
  }

  private void forgetOlderThan(Instant cutoff) {
    Iterator<Map.Entry<String, Instant>> oldest = seen.entrySet().iterator();
    while (oldest.hasNext() && oldest.next().getValue().isBefore(cutoff)) {
      oldest.remove();
    }
  }
}
