package io.lockctl.core.auth;

import io.lockctl.core.operation.AccessControl;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.Caller;
import java.util.Map;

/** The operations' access check decided by a policy: what the policy does not allow is refused. */
public final class PolicyAccessControl implements AccessControl {
  private final Authorizer policy;

  public PolicyAccessControl(Authorizer policy) {
    this.policy = policy;
  }

  @Override
  public void authorize(
      Caller caller, Action action, String resource, Map<String, String> conditions) {
    AccessRequest request =
        new AccessRequest(caller.principal(), action.policyName(), resource, conditions);
    AccessDecision decision = policy.authorize(request);
    if (!decision.allowed()) {
      throw AuthRejections.accessDenied(request, decision).toException();
    }
  }
}
