package io.lockctl.core.transaction;

/** The store failed (I/O, corruption, a bug); never a user's mistake. */
public final class StorageException extends RuntimeException {
  private final StorageFault fault;

  public StorageException(String message) {
    this(StorageFault.FAILED, message, null);
  }

  public StorageException(String message, Throwable cause) {
    this(StorageFault.FAILED, message, cause);
  }

  public StorageException(StorageFault fault, String message, Throwable cause) {
    super(message, cause);
    this.fault = fault;
  }

  public StorageFault fault() {
    return fault;
  }

  /** The same failure, known to mean {@code meaning} for the caller. */
  public StorageException as(StorageFault meaning) {
    return meaning == fault ? this : new StorageException(meaning, getMessage(), getCause());
  }
}
