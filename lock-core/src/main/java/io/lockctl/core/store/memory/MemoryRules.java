package io.lockctl.core.store.memory;

import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RuleQuery;
import io.lockctl.core.rule.RuleRepository;
import io.lockctl.core.store.memory.Tables.RegionKey;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The retention rules table in memory; listings filter with {@link RuleQuery#matches}. */
final class MemoryRules implements RuleRepository {
  private final Tables tables;
  private final Writes writes;

  MemoryRules(Tables tables, Writes writes) {
    this.tables = tables;
    this.writes = writes;
  }

  @Override
  public Optional<RetentionRule> find(String regionId, String identifier) {
    return Optional.ofNullable(tables.rules.get(new RegionKey(regionId, identifier)));
  }

  @Override
  public int countInRegion(String regionId) {
    return region(regionId).size();
  }

  @Override
  public List<RetentionRule> list(RuleQuery query) {
    return region(query.regionId()).stream().filter(query::matches).limit(query.limit()).toList();
  }

  @Override
  public List<RetentionRule> listForRegion(String regionId, ResourceType resourceType) {
    return region(regionId).stream().filter(rule -> rule.resourceType() == resourceType).toList();
  }

  @Override
  public void insert(RetentionRule rule) {
    if (tables.rules.containsKey(key(rule))) {
      throw Tables.keyTaken("retention rule " + rule.identifier());
    }
    writes.log().put(tables.rules, key(rule), rule);
  }

  @Override
  public void update(RetentionRule rule) {
    if (!tables.rules.containsKey(key(rule))) {
      throw new IllegalStateException("no retention rule " + rule.identifier() + " to update");
    }
    writes.log().put(tables.rules, key(rule), rule);
  }

  @Override
  public void delete(String regionId, String identifier) {
    writes.log().remove(tables.rules, new RegionKey(regionId, identifier));
  }

  private Collection<RetentionRule> region(String regionId) {
    return tables
        .rules
        .subMap(new RegionKey(regionId, ""), true, new RegionKey(regionId + "\0", ""), false)
        .values();
  }

  private static RegionKey key(RetentionRule rule) {
    return new RegionKey(rule.regionId(), rule.identifier());
  }
}
