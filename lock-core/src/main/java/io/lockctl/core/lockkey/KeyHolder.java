package io.lockctl.core.lockkey;

/**
 * A replication relationship that holds a lock key, as the key's own rules see it: a key cannot be
 * disabled or deleted while it is a relationship's current key, and a dormant one is dropped.
 *
 * @param role whether the key locks the relationship's policy snapshots now, or is kept for a
 *     revert
 */
public record KeyHolder(String relationshipId, String regionId, Role role) {

  /** The part the key plays in the relationship. */
  public enum Role {
    CURRENT,
    DORMANT
  }
}
