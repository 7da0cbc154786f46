package io.lockctl.core.store.memory;

import io.lockctl.core.lockkey.UsedUnlockChallengeRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The nonces of spent unlock challenges, in memory. */
final class MemoryUsedChallenges implements UsedUnlockChallengeRepository {
  private final Tables tables;
  private final Writes writes;

  MemoryUsedChallenges(Tables tables, Writes writes) {
    this.tables = tables;
    this.writes = writes;
  }

  @Override
  public boolean contains(String nonce) {
    return tables.usedUnlockChallenges.containsKey(nonce);
  }

  @Override
  public void insert(String nonce, Instant expireTime) {
    if (tables.usedUnlockChallenges.containsKey(nonce)) {
      throw Tables.keyTaken("used unlock challenge " + nonce);
    }
    writes.log().put(tables.usedUnlockChallenges, nonce, expireTime);
  }

  @Override
  public int deleteExpiredBefore(Instant cutoff) {
    List<String> expired =
        tables.usedUnlockChallenges.entrySet().stream()
            .filter(entry -> entry.getValue().isBefore(cutoff))
            .map(Map.Entry::getKey)
            .toList();
    expired.forEach(nonce -> writes.log().remove(tables.usedUnlockChallenges, nonce));
    return expired.size();
  }
}
