package io.lockctl.core.store.sqlite;

import io.lockctl.core.transaction.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Keeps a data directory to one open store. The embedded store counts on being its file's only
 * writer: its compliance clock leads every committed write only if no other process commits. The
 * operating system drops the lock when the process dies, so a restart after a crash is not refused.
 */
final class DataDirectoryLock implements AutoCloseable {
  static final String FILE_NAME = "lockctl.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirectoryLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the directory's lock, or fails at once if another store holds it. */
  static DataDirectoryLock acquire(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StorageException("opening " + file + " failed", e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldInThisProcess) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StorageException("locking " + file + " failed", e);
    }
    if (lock == null) {
      closeQuietly(channel);
      throw new StorageException(
          "the data directory "
              + dataDir
              + " is in use by another lockctl server (it holds "
              + FILE_NAME
              + ")");
    }
    return new DataDirectoryLock(channel, lock);
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // Closing the channel below releases it too.
    }
    closeQuietly(channel);
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      // Nothing was written through it; the process's exit releases whatever is left.
    }
  }
}
