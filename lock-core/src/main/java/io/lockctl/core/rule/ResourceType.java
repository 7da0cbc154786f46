package io.lockctl.core.rule;

/**
 * The kind of resource a rule retains. lockctl's catalog holds only snapshots, so {@link #IMAGE}
 * rules are stored and lockable but retain nothing yet.
 */
public enum ResourceType {
  SNAPSHOT,
  IMAGE
}
