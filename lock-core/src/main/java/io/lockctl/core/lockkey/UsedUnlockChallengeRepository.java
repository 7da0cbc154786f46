package io.lockctl.core.lockkey;

import java.time.Instant;

/**
 * The nonces of unlock challenges that already removed a lock, so that none serves twice. A record
 * is needed only until its challenge expires. Implemented by each store backend.
 */
public interface UsedUnlockChallengeRepository {

  boolean contains(String nonce);

  void insert(String nonce, Instant expireTime);

  /** Forgets the records of challenges that expired before {@code cutoff}; returns how many. */
  int deleteExpiredBefore(Instant cutoff);
}
