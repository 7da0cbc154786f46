package io.lockctl.core.idempotency;

import java.time.Instant;
import java.util.Optional;

/** Remembered responses of successful mutations, by idempotency key. */
public interface IdempotencyRepository {

  Optional<IdempotencyRecord> find(IdempotencyKey key);

  void insert(IdempotencyKey key, IdempotencyRecord record);

  /** Forgets records created before {@code cutoff}; returns how many. */
  int deleteCreatedBefore(Instant cutoff);
}
