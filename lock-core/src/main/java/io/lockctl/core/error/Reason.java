package io.lockctl.core.error;

/**
 * The stable error reasons of lockctl's API (listed in {@code lockctl/v1/errors.proto}). Clients
 * switch on {@link #name()}, which is sent as {@code google.rpc.ErrorInfo.reason}; each reason
 * always travels with the same {@link ErrorCode}.
 */
public enum Reason {
  INVALID_PARAMETER(ErrorCode.INVALID_ARGUMENT),
  IDEMPOTENT_PARAMETER_MISMATCH(ErrorCode.INVALID_ARGUMENT),
  INVALID_PAGE_TOKEN(ErrorCode.INVALID_ARGUMENT),

  SNAPSHOT_NOT_FOUND(ErrorCode.NOT_FOUND),
  SNAPSHOT_ALREADY_EXISTS(ErrorCode.ALREADY_EXISTS),
  SNAPSHOT_LOCKED(ErrorCode.FAILED_PRECONDITION),
  INVALID_SNAPSHOT_STATUS_TRANSITION(ErrorCode.FAILED_PRECONDITION),

  INVALID_LOCK_MODE(ErrorCode.INVALID_ARGUMENT),
  INVALID_LOCK_DURATION(ErrorCode.INVALID_ARGUMENT),
  INVALID_COOL_OFF_PERIOD(ErrorCode.INVALID_ARGUMENT),
  LOCK_DURATION_EXCEEDS_RETENTION(ErrorCode.INVALID_ARGUMENT),
  COOL_OFF_EXCEEDS_LOCK_DURATION(ErrorCode.INVALID_ARGUMENT),
  SNAPSHOT_NOT_AVAILABLE(ErrorCode.FAILED_PRECONDITION),
  RESOURCE_MANAGED_BY_PRODUCT(ErrorCode.FAILED_PRECONDITION),
  SHARED_SNAPSHOT_UNSUPPORTED(ErrorCode.FAILED_PRECONDITION),
  COOL_OFF_PERIOD_EXPIRED(ErrorCode.FAILED_PRECONDITION),
  SNAPSHOT_NOT_LOCKED(ErrorCode.NOT_FOUND),
  LOCK_KEY_NOT_FOUND(ErrorCode.NOT_FOUND),

  RULE_NOT_FOUND(ErrorCode.NOT_FOUND),
  INVALID_RULE_STATE(ErrorCode.FAILED_PRECONDITION),
  RULE_NOT_LOCKABLE(ErrorCode.FAILED_PRECONDITION),
  SERVICE_QUOTA_EXCEEDED(ErrorCode.RESOURCE_EXHAUSTED),
  SNAPSHOT_NOT_IN_RECYCLE_BIN(ErrorCode.FAILED_PRECONDITION),

  LOCK_KEY_IN_USE(ErrorCode.FAILED_PRECONDITION),
  LOCK_KEY_DISABLED(ErrorCode.FAILED_PRECONDITION),
  INVALID_PUBLIC_KEY(ErrorCode.INVALID_ARGUMENT),
  RELATIONSHIP_NOT_FOUND(ErrorCode.NOT_FOUND),
  INVALID_RELATIONSHIP_STATE(ErrorCode.FAILED_PRECONDITION),
  INVALID_UNLOCK_SIGNATURE(ErrorCode.PERMISSION_DENIED),
  LOCK_KEY_ALREADY_EXISTS(ErrorCode.ALREADY_EXISTS),

  /** The policy does not allow the caller the action on the resource. */
  ACCESS_DENIED(ErrorCode.PERMISSION_DENIED),
  /** Credentials are required and the call has none that are valid. */
  UNAUTHENTICATED(ErrorCode.UNAUTHENTICATED),

  /** The store is not one the server copies itself (PostgreSQL: pg_dump does). */
  BACKUP_UNSUPPORTED(ErrorCode.FAILED_PRECONDITION),
  /** A file exists where the backup was to go. */
  BACKUP_TARGET_EXISTS(ErrorCode.ALREADY_EXISTS),
  /** The backup's directory is missing or the server cannot write there. */
  BACKUP_TARGET_UNWRITABLE(ErrorCode.FAILED_PRECONDITION),
  /** A lock-event stream's consumer did not keep up, and the stream was closed. */
  WATCH_TOO_SLOW(ErrorCode.RESOURCE_EXHAUSTED),
  /** The request message is larger than the server accepts. */
  REQUEST_TOO_LARGE(ErrorCode.RESOURCE_EXHAUSTED),
  /** The server holds more request bytes in flight than it accepts; retry later. */
  SERVER_BUSY(ErrorCode.RESOURCE_EXHAUSTED),
  /** No stored access key has the id. */
  ACCESS_KEY_NOT_FOUND(ErrorCode.NOT_FOUND);

  private final ErrorCode code;

  Reason(ErrorCode code) {
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
