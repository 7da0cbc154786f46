package io.lockctl.server;

/** The policy file given at start-up cannot be used: the operator's mistake, reported as such. */
public final class InvalidPolicyFileException extends RuntimeException {
  InvalidPolicyFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
