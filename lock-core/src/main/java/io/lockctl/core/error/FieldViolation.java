package io.lockctl.core.error;

/** One invalid request field: its proto field path (e.g. {@code "lock_duration_days"}) and why. */
public record FieldViolation(String field, String description) {}
