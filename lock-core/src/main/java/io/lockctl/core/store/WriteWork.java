package io.lockctl.core.store;

/** A unit of work in the serial write order; throwing rolls back its changes. */
@FunctionalInterface
public interface WriteWork<T> {
  T run(WriteTransaction tx);
}
