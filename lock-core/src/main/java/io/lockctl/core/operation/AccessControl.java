package io.lockctl.core.operation;

import java.util.Map;

/**
 * Whether a caller may do an action on a resource: one decision for every edge. Operations ask it
 * before their decision, naming the resource (an LRN) and the condition values the request and the
 * resource give.
 */
@FunctionalInterface
public interface AccessControl {

  /** Lets every call through: the server without authentication (insecure mode). */
  AccessControl ALLOW_ALL = (caller, action, resource, conditions) -> {};

  /**
   * Returns if allowed, otherwise throws a {@link io.lockctl.core.error.RejectedException} with
   * reason ACCESS_DENIED.
   */
  void authorize(Caller caller, Action action, String resource, Map<String, String> conditions);
}
