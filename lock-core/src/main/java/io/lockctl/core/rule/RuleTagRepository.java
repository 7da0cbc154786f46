package io.lockctl.core.rule;

/** Changing the tags on retention rules, in a write transaction. */
public interface RuleTagRepository extends RuleTagReader {

  /** Sets the tag, replacing the value of a key already there. */
  void put(String regionId, String identifier, String key, String value);

  void remove(String regionId, String identifier, String key);

  void removeAll(String regionId, String identifier);
}
