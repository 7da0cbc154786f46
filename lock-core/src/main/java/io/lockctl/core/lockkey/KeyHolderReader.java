package io.lockctl.core.lockkey;

import java.util.List;

/**
 * The relationships holding lock keys, read only. The replication feature implements it over its
 * relationships, which this package does not know.
 */
public interface KeyHolderReader {

  /**
   * The relationships whose current or dormant key {@code keyId} is, in ascending relationship id
   * order after {@code afterRelationshipId} ({@code null} to start at the first).
   */
  List<KeyHolder> holding(String keyId, String afterRelationshipId, int limit);
}
