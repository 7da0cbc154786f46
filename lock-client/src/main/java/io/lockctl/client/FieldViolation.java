package io.lockctl.client;

/** One invalid field of a refused request, from the {@code google.rpc.BadRequest} status detail. */
public record FieldViolation(String field, String description) {}
