package io.lockctl.core.rule;

import java.util.Map;

/** A tag a rule matches snapshots by; both parts are case-sensitive. */
public record ResourceTag(String key, String value) {

  /**
   * Whether a resource with {@code tags} carries this tag: the key exists with exactly this value.
   */
  public boolean isCarriedBy(Map<String, String> tags) {
    return value.equals(tags.get(key));
  }
}
