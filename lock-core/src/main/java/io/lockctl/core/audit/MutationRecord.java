package io.lockctl.core.audit;

/**
 * What the audit log is told of one mutation: who asked for which action on which resource, the
 * request's digest and token, what came of it, and the resource after it.
 *
 * @param action {@code lockctl:<RpcName>}
 * @param outcome {@link AuditEntry#OUTCOME_OK}, or the refusal's reason
 */
public record MutationRecord(
    String principal,
    String action,
    String resource,
    byte[] requestSha256,
    String outcome,
    String clientToken,
    ResourceState after) {}
