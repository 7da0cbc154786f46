package io.lockctl.core.audit;

/**
 * A resource as a mutation left it, kept beside its audit record (not part of the hashed bytes) so
 * that a stream of lock events can show it. {@code kind} names the codec that wrote {@code state};
 * an empty state means the resource is gone.
 */
public record ResourceState(String kind, byte[] state) {
  /** For a mutation that leaves no resource to show. */
  public static final ResourceState NONE = new ResourceState("", new byte[0]);

  public ResourceState {
    state = state.clone();
  }

  @Override
  public byte[] state() {
    return state.clone();
  }
}
