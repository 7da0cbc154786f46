package io.lockctl.core.store.memory;

import io.lockctl.core.idempotency.IdempotencyKey;
import io.lockctl.core.idempotency.IdempotencyRecord;
import io.lockctl.core.idempotency.IdempotencyRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Remembered results of successful mutations, in memory. */
final class MemoryIdempotency implements IdempotencyRepository {
  private final Tables tables;
  private final Writes writes;

  MemoryIdempotency(Tables tables, Writes writes) {
    this.tables = tables;
    this.writes = writes;
  }

  @Override
  public Optional<IdempotencyRecord> find(IdempotencyKey key) {
    return Optional.ofNullable(tables.idempotency.get(key));
  }

  @Override
  public void insert(IdempotencyKey key, IdempotencyRecord record) {
    if (tables.idempotency.containsKey(key)) {
      throw Tables.keyTaken("idempotency record " + key);
    }
    writes.log().put(tables.idempotency, key, record);
  }

  @Override
  public int deleteCreatedBefore(Instant cutoff) {
    List<IdempotencyKey> old =
        tables.idempotency.entrySet().stream()
            .filter(entry -> entry.getValue().createTime().isBefore(cutoff))
            .map(Map.Entry::getKey)
            .toList();
    old.forEach(key -> writes.log().remove(tables.idempotency, key));
    return old.size();
  }
}
