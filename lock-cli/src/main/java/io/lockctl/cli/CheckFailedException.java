package io.lockctl.cli;

/** A check lockctl made itself (a signature, a proof) found a problem: exit status 1. */
final class CheckFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CheckFailedException(String message) {
    super(message);
  }
}
