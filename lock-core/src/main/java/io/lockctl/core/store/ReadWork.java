package io.lockctl.core.store;

/** A unit of work against committed state. */
@FunctionalInterface
public interface ReadWork<T> {
  T run(ReadTransaction tx);
}
