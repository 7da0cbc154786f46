package io.lockctl.core.watch;

import io.lockctl.core.audit.AuditEntry;
import java.util.Objects;

/**
 * Which records a watch delivers; both filters combine with AND.
 *
 * @param resourcePrefix records whose resource starts with it; empty for any
 * @param action records of exactly this action ({@code lockctl:<RpcName>}); empty for any
 */
public record WatchFilter(String resourcePrefix, String action) {
  public static final WatchFilter ALL = new WatchFilter("", "");

  public WatchFilter {
    Objects.requireNonNull(resourcePrefix, "resourcePrefix");
    Objects.requireNonNull(action, "action");
  }

  public boolean matches(AuditEntry entry) {
    return entry.resource().startsWith(resourcePrefix)
        && (action.isEmpty() || entry.action().equals(action));
  }
}
