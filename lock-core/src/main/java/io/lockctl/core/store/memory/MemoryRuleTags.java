package io.lockctl.core.store.memory;

import io.lockctl.core.rule.RuleTagRepository;
import io.lockctl.core.store.memory.Tables.RegionKey;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** The tags on rules, in memory: one immutable map per rule, replaced on each change. */
final class MemoryRuleTags implements RuleTagRepository {
  private final Tables tables;
  private final Writes writes;

  MemoryRuleTags(Tables tables, Writes writes) {
    this.tables = tables;
    this.writes = writes;
  }

  @Override
  public SortedMap<String, String> tagsOf(String regionId, String identifier) {
    SortedMap<String, String> tags = tables.ruleTags.get(new RegionKey(regionId, identifier));
    return tags == null ? new TreeMap<>() : new TreeMap<>(tags);
  }

  @Override
  public void put(String regionId, String identifier, String key, String value) {
    SortedMap<String, String> tags = tagsOf(regionId, identifier);
    tags.put(key, value);
    store(regionId, identifier, tags);
  }

  @Override
  public void remove(String regionId, String identifier, String key) {
    SortedMap<String, String> tags = tagsOf(regionId, identifier);
    if (tags.remove(key) != null) {
      store(regionId, identifier, tags);
    }
  }

  @Override
  public void removeAll(String regionId, String identifier) {
    RegionKey rule = new RegionKey(regionId, identifier);
    if (tables.ruleTags.containsKey(rule)) {
      writes.log().remove(tables.ruleTags, rule);
    }
  }

  private void store(String regionId, String identifier, SortedMap<String, String> tags) {
    RegionKey rule = new RegionKey(regionId, identifier);
    if (tags.isEmpty()) {
      removeAll(regionId, identifier);
    } else {
      writes.log().put(tables.ruleTags, rule, Collections.unmodifiableSortedMap(tags));
    }
  }
}
