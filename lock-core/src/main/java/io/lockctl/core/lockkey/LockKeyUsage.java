package io.lockctl.core.lockkey;

/** One thing that uses a lock key, as ListLockKeyUsages reports it. */
public sealed interface LockKeyUsage {

  /** A relationship whose current or dormant key it is. */
  record Relationship(KeyHolder holder) implements LockKeyUsage {}

  /** A snapshot it locks with a lock that has not expired. */
  record Snapshot(KeyLockedSnapshot snapshot) implements LockKeyUsage {}
}
