package io.lockctl.core.replication;

/** One thing that uses a lock key, as ListLockKeyUsages reports it. */
public sealed interface LockKeyUsage {

  /** A relationship whose current or dormant key it is. */
  record Relationship(String relationshipId, String regionId, Role role) implements LockKeyUsage {}

  /** A snapshot it locks with a lock that has not expired. */
  record Snapshot(KeyLockedSnapshot snapshot) implements LockKeyUsage {}

  /** The part the key plays in a relationship. */
  enum Role {
    CURRENT,
    DORMANT
  }
}
