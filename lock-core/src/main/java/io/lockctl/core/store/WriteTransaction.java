package io.lockctl.core.store;

/**
 * A transaction in the serial write order. Its repositories may be written; nothing it writes is
 * visible to readers, nor acknowledged, before it is durable. Its {@link #now()} is never earlier
 * than that of any write ordered before it.
 */
public interface WriteTransaction extends ReadTransaction {}
