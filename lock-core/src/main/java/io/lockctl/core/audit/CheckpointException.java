package io.lockctl.core.audit;

/**
 * A checkpoint or signed note that cannot be trusted: malformed text, or no valid signature by the
 * expected key. The message says which.
 */
public final class CheckpointException extends Exception {
  public CheckpointException(String message) {
    super(message);
  }
}
