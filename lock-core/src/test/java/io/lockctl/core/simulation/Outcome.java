package io.lockctl.core.simulation;

import io.lockctl.core.error.Reason;

/**
 * What a call answered, or must answer: the reason of a refusal, or success with a value (a view
 * from {@link Views}, or for an idempotent replay the remembered result itself).
 */
record Outcome(Reason refusal, Object value) {

  static Outcome ok(Object value) {
    return new Outcome(null, value);
  }

  static Outcome refused(Reason reason) {
    return new Outcome(reason, null);
  }

  boolean accepted() {
    return refusal == null;
  }

  @Override
  public String toString() {
    return accepted() ? "OK " + value : refusal.name();
  }
}
