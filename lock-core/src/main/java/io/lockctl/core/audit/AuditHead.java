package io.lockctl.core.audit;

import java.util.List;

/**
 * The stored log's size and the frontier of its tree, kept in one row so that an append needs
 * neither a scan nor a read of the tree.
 *
 * @param peaks the frontier's subtrees, as {@link Frontier#peaks} lists them
 */
public record AuditHead(long size, List<TreeNode> peaks) {
  public static final AuditHead EMPTY = new AuditHead(0, List.of());

  public AuditHead {
    peaks = List.copyOf(peaks);
  }

  public static AuditHead of(Frontier frontier) {
    return new AuditHead(frontier.size(), frontier.peaks());
  }

  public Frontier frontier() {
    InMemoryNodes nodes = new InMemoryNodes();
    nodes.putAll(peaks);
    return Frontier.restore(size, nodes);
  }
}
