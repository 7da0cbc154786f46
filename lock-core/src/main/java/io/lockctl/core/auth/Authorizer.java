package io.lockctl.core.auth;

/**
 * The one authorization decision every edge (gRPC, HTTP) asks before it acts. Implementations are
 * thread-safe and fast enough to ask on every call.
 */
public interface Authorizer {
  AccessDecision authorize(AccessRequest request);
}
