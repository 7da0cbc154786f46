package io.lockctl.core.idempotency;

/** Whose token for which operation: a response is remembered per (caller, operation, token). */
public record IdempotencyKey(String caller, String operation, String clientToken) {}
