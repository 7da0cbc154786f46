package io.lockctl.core.error;

/**
 * The outcome of a pure domain decision: the accepted new value, or a rejection with its reason.
 * Decisions never throw and never do I/O; the shell turns a rejection into an exception.
 */
public sealed interface Decision<T> {

  record Accepted<T>(T value) implements Decision<T> {}

  record Rejected<T>(Rejection rejection) implements Decision<T> {}

  static <T> Decision<T> accept(T value) {
    return new Accepted<>(value);
  }

  static <T> Decision<T> reject(Rejection rejection) {
    return new Rejected<>(rejection);
  }

  /** The accepted value, or a {@link RejectedException} for a rejection. */
  default T orElseThrow() {
    if (this instanceof Accepted<T> accepted) {
      return accepted.value();
    }
    throw ((Rejected<T>) this).rejection().toException();
  }
}
