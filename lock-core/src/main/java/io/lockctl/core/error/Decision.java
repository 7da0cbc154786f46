package io.lockctl.core.error;

import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of a pure domain decision: the accepted new value, or a rejection with its reason.
 * Decisions never throw and never do I/O; the shell turns a rejection into an exception with {@link
 * #orElseThrow()}.
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

  /** Accepts {@code value} unless {@code refusal} holds a rejection. */
  static <T> Decision<T> unless(Optional<Rejection> refusal, T value) {
    return refusal.<Decision<T>>map(Decision::reject).orElseGet(() -> accept(value));
  }

  /** The accepted value transformed; a rejection stays as it is. */
  default <U> Decision<U> map(Function<? super T, ? extends U> next) {
    return then(value -> accept(next.apply(value)));
  }

  /** The next decision, taken only if this one accepted. */
  default <U> Decision<U> then(Function<? super T, Decision<U>> next) {
    if (this instanceof Accepted<T> accepted) {
      return next.apply(accepted.value());
    }
    return reject(((Rejected<T>) this).rejection());
  }

  /** The rejection, or empty if accepted. */
  default Optional<Rejection> refusal() {
    return this instanceof Rejected<T> rejected
        ? Optional.of(rejected.rejection())
        : Optional.empty();
  }

  /** The accepted value, or a {@link RejectedException} for a rejection. */
  default T orElseThrow() {
    if (this instanceof Accepted<T> accepted) {
      return accepted.value();
    }
    throw ((Rejected<T>) this).rejection().toException();
  }
}
