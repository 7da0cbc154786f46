package io.lockctl.core.operation;

import io.lockctl.core.audit.ResourceState;
import java.util.HashMap;
import java.util.Map;

/**
 * One call's access check. An operation calls {@link #authorize} once it knows the resource it acts
 * on (for a create, the one it would create), before it decides anything. A dry run is authorised
 * exactly like the real call, and says so in the condition {@code lockctl:DryRun}.
 */
public final class Guard {
  /** Condition key: "true" for a dry run, "false" otherwise. */
  public static final String DRY_RUN = "lockctl:DryRun";

  private final AccessControl authorizer;
  private final Caller caller;
  private final Action action;
  private final boolean dryRun;
  private String resource;
  private ResourceState after = ResourceState.NONE;

  Guard(AccessControl authorizer, Caller caller, Action action, boolean dryRun) {
    this.authorizer = authorizer;
    this.caller = caller;
    this.action = action;
    this.dryRun = dryRun;
  }

  public void authorize(String resource) {
    authorize(resource, Map.of());
  }

  /**
   * Throws ACCESS_DENIED unless the caller may act on {@code resource}; {@code conditions} are the
   * call's condition values, such as {@code lockctl:LockMode}.
   */
  public void authorize(String resource, Map<String, String> conditions) {
    Map<String, String> context = new HashMap<>(conditions);
    context.put(DRY_RUN, Boolean.toString(dryRun));
    this.resource = resource;
    authorizer.authorize(caller, action, resource, context);
  }

  /** Names the resource as the mutation leaves it, for the audit log's stream of lock events. */
  public void changed(ResourceState resourceAfter) {
    this.after = resourceAfter;
  }

  Caller caller() {
    return caller;
  }

  Action action() {
    return action;
  }

  /** The resource the call was authorised on; {@code null} before {@link #authorize}. */
  String resource() {
    return resource;
  }

  ResourceState after() {
    return after;
  }
}
