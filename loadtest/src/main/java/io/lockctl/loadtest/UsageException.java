package io.lockctl.loadtest;

/** A command line that cannot be run; the message says why, the tool then prints its usage. */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
