package io.lockctl.core.audit;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The tree's nodes in a map: the node store of in-memory stores and of tests. */
public final class InMemoryNodes implements NodeSource {
  private final Map<NodeId, byte[]> hashes = new ConcurrentHashMap<>();

  /** Stores a node, replacing any stored at the same place. */
  public void put(TreeNode node) {
    hashes.put(node.id(), node.hash());
  }

  public void putAll(Collection<TreeNode> nodes) {
    nodes.forEach(this::put);
  }

  public void remove(NodeId id) {
    hashes.remove(id);
  }

  @Override
  public Optional<byte[]> find(int level, long index) {
    return Optional.ofNullable(hashes.get(new NodeId(level, index)));
  }
}
