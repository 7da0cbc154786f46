package io.lockctl.server.auth;

import java.nio.file.Path;

/**
 * A certificate, key, CA bundle or JWKS file that cannot be read or is not what its flag needs. The
 * message names the flag and the file, and says what is wrong, for an operator to act on.
 */
public final class InvalidSecurityFileException extends RuntimeException {
  public InvalidSecurityFileException(String flag, Path file, String problem) {
    super(flag + " " + file + ": " + problem);
  }
}
