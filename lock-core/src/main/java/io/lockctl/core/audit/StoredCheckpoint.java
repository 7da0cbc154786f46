package io.lockctl.core.audit;

import java.time.Instant;

/**
 * A checkpoint the log signed, kept so that a later check can tell a rewritten log from the one it
 * vouched for.
 *
 * @param note the C2SP signed note: the checkpoint text with its signature line
 */
public record StoredCheckpoint(long size, byte[] rootHash, String note, Instant signedAt) {
  public StoredCheckpoint {
    rootHash = rootHash.clone();
  }

  @Override
  public byte[] rootHash() {
    return rootHash.clone();
  }

  public TreeHead head() {
    return new TreeHead(size, rootHash);
  }
}
