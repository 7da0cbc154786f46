package io.lockctl.core.watch;

/**
 * Told that a {@link Watch} has something for its consumer: events to take, or its end. Called on
 * the feed's thread, so it must return at once (schedule the delivery elsewhere).
 */
@FunctionalInterface
public interface WatchListener {
  void ready();
}
