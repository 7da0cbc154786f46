package io.lockctl.core.store.memory;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.StoreFixture;

/** A fresh in-memory store; it holds nothing to drop. */
final class MemoryFixture extends StoreFixture {
  MemoryFixture() {
    open();
  }

  @Override
  protected MemoryStore openStore(ComplianceClock clock) {
    return new MemoryStore(clock);
  }
}
