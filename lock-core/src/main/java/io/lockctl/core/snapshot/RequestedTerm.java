package io.lockctl.core.snapshot;

/**
 * The term a request asks for: a {@link LockTerm}, or {@link #MISSING} when it gives neither a
 * duration nor an expire time.
 */
public sealed interface RequestedTerm permits LockTerm, RequestedTerm.Missing {

  RequestedTerm MISSING = new Missing();

  /** Neither a duration nor an expire time. */
  record Missing() implements RequestedTerm {}
}
