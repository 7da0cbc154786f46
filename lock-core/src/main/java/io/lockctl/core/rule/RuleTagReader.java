package io.lockctl.core.rule;

import java.util.SortedMap;

/** Reading the tags on retention rules themselves (rbin's TagResource), not the resource tags. */
public interface RuleTagReader {

  /** The rule's tags by key; empty if it has none. */
  SortedMap<String, String> tagsOf(String regionId, String identifier);
}
