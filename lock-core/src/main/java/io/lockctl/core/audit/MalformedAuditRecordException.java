package io.lockctl.core.audit;

/**
 * Bytes that are not the canonical encoding of an audit record. Stores only ever hold bytes that
 * {@link AuditRecordEncoding#encode} wrote, so this means damage or tampering.
 */
public final class MalformedAuditRecordException extends IllegalArgumentException {
  public MalformedAuditRecordException(String message) {
    super(message);
  }

  public MalformedAuditRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
