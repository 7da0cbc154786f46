package io.lockctl.core.auditlog;

import io.lockctl.core.audit.AuditQuery;
import java.time.Instant;

/**
 * ListAuditEvents' input, as received.
 *
 * @param resourcePrefix only records whose resource starts with it; empty for any
 * @param principal only this caller's records; empty for any
 * @param action only this action ({@code lockctl:<RpcName>}); empty for any
 * @param from only records at or after it; {@code null} for no bound
 * @param until only records before it; {@code null} for no bound
 */
public record AuditListQuery(
    String resourcePrefix,
    String principal,
    String action,
    Instant from,
    Instant until,
    int pageSize,
    String pageToken) {

  /**
   * The filters a page token is bound to, each length-prefixed so that none can pass for another.
   */
  String canonical() {
    return String.join(
        "|",
        "audit",
        quoted(resourcePrefix),
        quoted(principal),
        quoted(action),
        String.valueOf(from),
        String.valueOf(until));
  }

  AuditQuery filters(long afterIndex, int limit) {
    return new AuditQuery(resourcePrefix, principal, action, from, until, afterIndex, limit);
  }

  private static String quoted(String value) {
    return value.length() + ":" + value;
  }
}
