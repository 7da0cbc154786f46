package io.lockctl.core.watch;

/** Why a {@link Watch} ended, and where its consumer resumes. */
public sealed interface WatchEnd {

  /**
   * The consumer let its buffer fill; {@code nextIndex} is the first index it was not given (every
   * earlier one was delivered or did not pass the filter).
   */
  record TooSlow(long nextIndex) implements WatchEnd {}

  /** The feed stopped (the server is stopping); resume from the last index received plus one. */
  record FeedStopped() implements WatchEnd {}

  /** The consumer went away. */
  record Cancelled() implements WatchEnd {}
}
