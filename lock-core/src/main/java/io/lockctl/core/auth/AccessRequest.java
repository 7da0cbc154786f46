package io.lockctl.core.auth;

import java.util.Map;
import java.util.Objects;

/**
 * One call to authorise: who ({@code principal}), what ({@code action}, e.g. {@code
 * "lockctl:UnlockSnapshot"}, see {@link Actions}), on which resource (a name from {@link Lrn}) and
 * the condition values the call carries, keyed by {@link ConditionKey#key()} (e.g. {@code
 * "lockctl:DryRun" -> "false"}). A key the call does not carry is left out of {@code conditions}; a
 * statement that tests it then does not apply.
 *
 * <p>{@code conditions} is read, not copied, so that building a request costs no more than the
 * caller's own map; it must not change while the request is evaluated.
 */
public record AccessRequest(
    String principal, String action, String resource, Map<String, String> conditions) {

  public AccessRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(conditions, "conditions");
  }

  /** A request that carries no condition values. */
  public static AccessRequest of(String principal, String action, String resource) {
    return new AccessRequest(principal, action, resource, Map.of());
  }
}
