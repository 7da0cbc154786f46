package io.lockctl.core.operation;

/**
 * What a call does: the name of the RPC it is ({@code LockSnapshot}), which every edge uses, so an
 * HTTP operation is authorised, audited and remembered as the RPC it maps to.
 */
public record Action(String rpc) {

  /** The name a policy statement matches, e.g. {@code lockctl:LockSnapshot}. */
  public String policyName() {
    return "lockctl:" + rpc;
  }
}
