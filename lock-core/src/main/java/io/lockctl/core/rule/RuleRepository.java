package io.lockctl.core.rule;

import java.util.List;
import java.util.Optional;

/**
 * Retention rules as stored, each with its tags and lock fields. Implemented by each store backend.
 * Identifiers are unique within a region.
 */
public interface RuleRepository {

  Optional<RetentionRule> find(String regionId, String identifier);

  /**
   * Adds a rule whose (region, identifier) is not taken (the caller checked with {@link #find}).
   */
  void insert(RetentionRule rule);

  /** Replaces the stored rule with the same (region, identifier), tags and lock fields included. */
  void update(RetentionRule rule);

  void delete(String regionId, String identifier);

  /** How many rules the region has (for the per-region quota). */
  int countInRegion(String regionId);

  /** One page of a region's rules passing {@link RuleQuery#matches}, ascending by identifier. */
  List<RetentionRule> list(RuleQuery query);

  /** Every rule of the region for {@code resourceType}, ascending by identifier (at most 250). */
  List<RetentionRule> listForRegion(String regionId, ResourceType resourceType);
}
