package io.lockctl.core.store.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the filesystem under a database has room left to write. SQLite reports some writes that
 * failed for lack of space as plain I/O errors (growing the WAL index, extending a file), without
 * the errno; looking at the free space when such an error happens tells a full disk from a failing
 * one.
 */
public final class DiskSpace {
  /**
   * Below this much usable space a failed write is taken for a full disk: SQLite grows its files in
   * steps of up to a few hundred KiB (a batch's WAL frames, a 32 KiB WAL-index region), and a write
   * with more than this left is unlikely to have failed for room.
   */
  public static final long FULL_BELOW_BYTES = 1 << 20;

  private DiskSpace() {}

  /** Whether {@code dir}'s filesystem has less than {@link #FULL_BELOW_BYTES} usable. */
  public static boolean nearlyFull(Path dir) {
    try {
      return Files.getFileStore(dir).getUsableSpace() < FULL_BELOW_BYTES;
    } catch (IOException unknown) {
      return false; // cannot tell: not claimed full
    }
  }
}
