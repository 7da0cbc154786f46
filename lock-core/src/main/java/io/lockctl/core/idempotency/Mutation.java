package io.lockctl.core.idempotency;

/**
 * How one mutating call is to be run.
 *
 * @param caller who calls (idempotency tokens are per caller)
 * @param operation the RPC's name (tokens are per operation)
 * @param clientToken the caller's token; empty for none
 * @param requestFingerprint a digest of the request without its token and dry-run flag, so a replay
 *     with other parameters can be told apart
 * @param dryRun run every check, persist nothing
 */
public record Mutation(
    String caller,
    String operation,
    String clientToken,
    byte[] requestFingerprint,
    boolean dryRun) {}
