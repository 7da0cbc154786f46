package io.lockctl.core.simulation;

/**
 * The system and the model disagree, or the system broke a safety invariant. {@code kind} names
 * what was checked (an RPC's outcome, a resource's view, an invariant), so that shrinking keeps a
 * history failing the same way rather than any way.
 */
final class Divergence extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String kind;

  Divergence(String kind, String message) {
    super(kind + ": " + message, null, false, false);
    this.kind = kind;
  }

  String kind() {
    return kind;
  }
}
