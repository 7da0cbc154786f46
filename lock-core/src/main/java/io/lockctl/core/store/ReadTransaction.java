package io.lockctl.core.store;

import io.lockctl.core.idempotency.IdempotencyRepository;
import io.lockctl.core.replication.ReplicationRepositories;
import io.lockctl.core.rule.RuleRepository;
import io.lockctl.core.snapshot.SnapshotRepository;
import java.time.Instant;

/**
 * A consistent view of the store at one compliance-clock instant. It is also the replication
 * shells' {@link ReplicationRepositories}: they take it twice, {@code shell.op(tx, tx, command)}.
 */
public interface ReadTransaction extends ReplicationRepositories {

  /** The compliance time of this transaction, fixed when it started. */
  Instant now();

  SnapshotRepository snapshots();

  IdempotencyRepository idempotency();

  RuleRepository rules();
}
