package io.lockctl.core.rule;

import io.lockctl.core.idempotency.IdempotencyRepository;
import io.lockctl.core.snapshot.SnapshotRepository;
import io.lockctl.core.store.WriteTransaction;
import java.time.Instant;

/**
 * A write transaction that holds only rules, at a fixed instant. Rule operations never touch
 * snapshots or idempotency records (the MutationRunner does that around them), so asking for
 * those is a test bug.
 */
final class RuleTransaction implements WriteTransaction {
  private final InMemoryRuleRepository rules;
  private final Instant now;

  RuleTransaction(InMemoryRuleRepository rules, Instant now) {
    this.rules = rules;
    this.now = now;
  }

  @Override
  public Instant now() {
    return now;
  }

  @Override
  public RuleRepository rules() {
    return rules;
  }

  @Override
  public SnapshotRepository snapshots() {
    throw new UnsupportedOperationException("rule operations do not read snapshots");
  }

  @Override
  public IdempotencyRepository idempotency() {
    throw new UnsupportedOperationException("rule operations do not read idempotency records");
  }
}
