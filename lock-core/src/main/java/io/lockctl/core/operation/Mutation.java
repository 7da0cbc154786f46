package io.lockctl.core.operation;

/**
 * How the caller asked for one mutating call to be run.
 *
 * @param clientToken the caller's idempotency token; empty for none
 * @param dryRun run every check, persist nothing
 * @param requestDigest a digest of the request without its token and dry-run flag, computed by the
 *     edge: it tells a replay from a different request under the same token
 */
public record Mutation(Caller caller, String clientToken, boolean dryRun, byte[] requestDigest) {}
