package io.lockctl.core.audit;

import java.time.Instant;

/**
 * A filtered listing of the audit log, in ascending index order.
 *
 * @param resourcePrefix records whose resource starts with it; empty for any
 * @param principal only this caller's; empty for any
 * @param action only this action ({@code lockctl:<RpcName>}); empty for any
 * @param from records at or after it; {@code null} for no bound
 * @param until records before it; {@code null} for no bound
 * @param afterIndex records after this index; -1 to start at the first
 */
public record AuditQuery(
    String resourcePrefix,
    String principal,
    String action,
    Instant from,
    Instant until,
    long afterIndex,
    int limit) {

  /** Whether {@code event} passes the filters (not {@code limit}): the reference meaning. */
  public boolean matches(AuditEvent event) {
    return event.index() > afterIndex
        && event.resource().startsWith(resourcePrefix)
        && (principal.isEmpty() || event.principal().equals(principal))
        && (action.isEmpty() || event.action().equals(action))
        && (from == null || !event.time().isBefore(from))
        && (until == null || event.time().isBefore(until));
  }
}
