package io.lockctl.core.lockkey;

/** The relationships holding lock keys, for writes. */
public interface KeyHolders extends KeyHolderReader {

  /** Drops the key kept dormant by {@code relationshipId}, so a revert does not restore it. */
  void dropDormant(String relationshipId);
}
