package io.lockctl.core.auth;

import java.util.List;
import java.util.Map;

/**
 * A statement ready to be evaluated: its patterns compiled, its conditions as arrays and its
 * decision made in advance, so that testing it against a request allocates nothing.
 */
final class CompiledStatement {
  private final PatternSet principals;
  private final PatternSet notPrincipals;
  private final PatternSet actions;
  private final PatternSet resources;
  private final String[] conditionKeys;
  private final String[][] conditionValues;
  private final Effect effect;
  private final AccessDecision decision;

  CompiledStatement(int index, PolicyStatement statement) {
    this.principals = PatternSet.of(statement.principals());
    this.notPrincipals =
        statement.notPrincipals().isEmpty()
            ? PatternSet.none()
            : PatternSet.of(statement.notPrincipals());
    this.actions = PatternSet.of(statement.actions());
    this.resources = PatternSet.of(statement.resources());
    int count = statement.conditions().size();
    this.conditionKeys = new String[count];
    this.conditionValues = new String[count][];
    int i = 0;
    for (Map.Entry<ConditionKey, List<String>> condition : statement.conditions().entrySet()) {
      conditionKeys[i] = condition.getKey().key();
      conditionValues[i] = condition.getValue().toArray(String[]::new);
      i++;
    }
    this.effect = statement.effect();
    this.decision = AccessDecision.byStatement(effect, index, statement.sid());
  }

  Effect effect() {
    return effect;
  }

  AccessDecision decision() {
    return decision;
  }

  boolean coversAction(String action) {
    return actions.matches(action);
  }

  /** Whether the statement applies to {@code request}, whose action it is known to cover. */
  boolean appliesTo(AccessRequest request) {
    String principal = request.principal();
    return principals.matches(principal)
        && !notPrincipals.matches(principal)
        && resources.matches(request.resource())
        && conditionsHold(request.conditions());
  }

  /**
   * Every condition must hold, and a condition on a key the request does not carry does not: a
   * statement limited to some lock modes says nothing about a call that has no lock mode.
   */
  private boolean conditionsHold(Map<String, String> context) {
    for (int i = 0; i < conditionKeys.length; i++) {
      String value = context.get(conditionKeys[i]);
      if (value == null || !contains(conditionValues[i], value)) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(String[] values, String value) {
    for (String candidate : values) {
      if (candidate.equals(value)) {
        return true;
      }
    }
    return false;
  }
}
