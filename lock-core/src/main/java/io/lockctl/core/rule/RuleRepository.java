package io.lockctl.core.rule;

/** Retention rules as stored, each with its tags and lock fields, for writes. */
public interface RuleRepository extends RuleReader {

  /**
   * Adds a rule whose (region, identifier) is not taken (the caller checked with {@link #find}).
   */
  void insert(RetentionRule rule);

  /** Replaces the stored rule with the same (region, identifier), tags and lock fields included. */
  void update(RetentionRule rule);

  void delete(String regionId, String identifier);
}
