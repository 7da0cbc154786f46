package io.lockctl.core.error;

/**
 * Carries a {@link Rejection} out of the domain to the edge that reports it (e.g. as a gRPC
 * status).
 */
public final class RejectedException extends RuntimeException {
  private final Rejection rejection;

  public RejectedException(Rejection rejection) {
    super(rejection.reason() + ": " + rejection.message(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }

  public Reason reason() {
    return rejection.reason();
  }
}
