package io.lockctl.core.rule;

import java.util.List;
import java.util.Optional;

/**
 * Retention rules as stored, read only. Identifiers are unique within a region. Implemented by each
 * store.
 */
public interface RuleReader {

  Optional<RetentionRule> find(String regionId, String identifier);

  /** How many rules the region has (for the per-region quota). */
  int countInRegion(String regionId);

  /** One page of a region's rules passing {@link RuleQuery#matches}, ascending by identifier. */
  List<RetentionRule> list(RuleQuery query);

  /** Every rule of the region for {@code resourceType}, ascending by identifier (at most 250). */
  List<RetentionRule> listForRegion(String regionId, ResourceType resourceType);
}
