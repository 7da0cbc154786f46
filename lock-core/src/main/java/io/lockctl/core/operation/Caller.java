package io.lockctl.core.operation;

import java.util.Objects;

/**
 * Who calls, as the edge established it: an authenticated principal (a certificate's SAN, a token's
 * subject, an access key's owner) or, in insecure mode, the name the caller gave.
 */
public record Caller(String principal) {
  public Caller {
    Objects.requireNonNull(principal, "principal");
  }
}
