package io.lockctl.core.operation;

import io.lockctl.core.idempotency.IdempotencyRepository;
import io.lockctl.core.transaction.ReadView;

/** What every feature's write view offers for the mutations run through {@link OperationRunner}. */
public interface MutationWrites extends ReadView {

  /** Remembered results of successful mutations, by client token. */
  IdempotencyRepository idempotency();
}
