package io.lockctl.core.rule;

import io.lockctl.core.transaction.ReadView;

/** What reading rules needs from a transaction. */
public interface RuleReads extends ReadView {

  RuleReader rules();

  /** The tags on the rules themselves. */
  RuleTagReader ruleTags();
}
