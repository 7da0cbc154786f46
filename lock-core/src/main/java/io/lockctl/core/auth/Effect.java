package io.lockctl.core.auth;

/** What a statement does when it applies. */
public enum Effect {
  ALLOW,
  DENY
}
