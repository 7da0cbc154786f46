package io.lockctl.core.transaction;

/** The store failed (I/O, corruption, a bug); never a user's mistake. */
public final class StorageException extends RuntimeException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
