package io.lockctl.core.rule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link RuleRepository} in a map, for testing the shell without a database; counts its writes.
 */
final class InMemoryRuleRepository implements RuleRepository {
  private final TreeMap<String, RetentionRule> rules = new TreeMap<>();
  private int writes;

  @Override
  public Optional<RetentionRule> find(String regionId, String identifier) {
    return Optional.ofNullable(rules.get(key(regionId, identifier)));
  }

  @Override
  public void insert(RetentionRule rule) {
    if (rules.putIfAbsent(key(rule.regionId(), rule.identifier()), rule) != null) {
      throw new IllegalStateException("duplicate rule " + rule.identifier());
    }
    writes++;
  }

  @Override
  public void update(RetentionRule rule) {
    if (rules.replace(key(rule.regionId(), rule.identifier()), rule) == null) {
      throw new IllegalStateException("no rule " + rule.identifier());
    }
    writes++;
  }

  @Override
  public void delete(String regionId, String identifier) {
    rules.remove(key(regionId, identifier));
    writes++;
  }

  @Override
  public int countInRegion(String regionId) {
    return (int) rules.values().stream().filter(rule -> rule.regionId().equals(regionId)).count();
  }

  @Override
  public List<RetentionRule> list(RuleQuery query) {
    return rules.values().stream()
        .filter(query::matches)
        .sorted(Comparator.comparing(RetentionRule::identifier))
        .limit(query.limit())
        .toList();
  }

  @Override
  public List<RetentionRule> listForRegion(String regionId, ResourceType resourceType) {
    return new ArrayList<>(
        rules.values().stream()
            .filter(rule -> rule.regionId().equals(regionId) && rule.resourceType() == resourceType)
            .sorted(Comparator.comparing(RetentionRule::identifier))
            .toList());
  }

  int writes() {
    return writes;
  }

  List<RetentionRule> all() {
    return List.copyOf(rules.values());
  }

  private static String key(String regionId, String identifier) {
    return regionId + "/" + identifier;
  }
}
