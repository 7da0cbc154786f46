package io.lockctl.core.snapshot;

/**
 * The lock mode a request asks for: one of the {@link LockMode}s, or {@link #UNRECOGNIZED} when it
 * names none (left unspecified, or a mode this server does not know).
 */
public sealed interface RequestedMode permits LockMode, RequestedMode.Unrecognized {

  RequestedMode UNRECOGNIZED = new Unrecognized();

  /** No mode lockctl knows. */
  record Unrecognized() implements RequestedMode {}
}
