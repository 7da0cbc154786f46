package io.lockctl.core.error;

/**
 * The canonical status category of a rejection. It mirrors the gRPC codes lockctl uses for
 * refusals, so that the domain can say "not found" without depending on gRPC.
 */
public enum ErrorCode {
  INVALID_ARGUMENT,
  NOT_FOUND,
  ALREADY_EXISTS,
  FAILED_PRECONDITION,
  PERMISSION_DENIED,
  UNAUTHENTICATED,
  RESOURCE_EXHAUSTED
}
