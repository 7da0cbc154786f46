package io.lockctl.core.auth;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One validated statement of a policy document, as written: patterns are still text. {@code sid} is
 * empty when the statement has none; {@code notPrincipals} and {@code conditions} may be empty.
 */
public record PolicyStatement(
    String sid,
    Effect effect,
    List<String> principals,
    List<String> notPrincipals,
    List<String> actions,
    List<String> resources,
    Map<ConditionKey, List<String>> conditions) {

  public PolicyStatement {
    Objects.requireNonNull(sid, "sid");
    Objects.requireNonNull(effect, "effect");
    principals = List.copyOf(principals);
    notPrincipals = List.copyOf(notPrincipals);
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = Map.copyOf(conditions);
  }
}
