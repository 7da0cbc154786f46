package io.lockctl.core.operation;

import io.lockctl.core.audit.AuditWrites;
import io.lockctl.core.idempotency.IdempotencyRepository;

/**
 * What every feature's write view offers for the mutations run through {@link OperationRunner}: the
 * client tokens' records and the audit log, both written in the mutation's own transaction.
 */
public interface MutationWrites extends AuditWrites {

  /** Remembered results of successful mutations, by client token. */
  IdempotencyRepository idempotency();
}
