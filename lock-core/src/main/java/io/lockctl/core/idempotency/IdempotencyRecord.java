package io.lockctl.core.idempotency;

import java.time.Instant;

/**
 * The remembered outcome of a successful mutation.
 *
 * @param requestFingerprint a digest of the request without its token and dry-run flag
 * @param response the encoded response to replay
 * @param createTime when it was recorded; records live at least 24 hours
 */
public record IdempotencyRecord(byte[] requestFingerprint, byte[] response, Instant createTime) {}
