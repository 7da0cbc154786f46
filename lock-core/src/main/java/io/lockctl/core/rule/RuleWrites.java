package io.lockctl.core.rule;

import io.lockctl.core.operation.MutationWrites;

/** What changing rules needs from a transaction: the rules, for writing. */
public interface RuleWrites extends RuleReads, MutationWrites {

  @Override
  RuleRepository rules();

  @Override
  RuleTagRepository ruleTags();
}
