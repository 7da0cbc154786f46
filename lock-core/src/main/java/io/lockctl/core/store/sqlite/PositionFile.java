package io.lockctl.core.store.sqlite;

import io.lockctl.core.transaction.StorageException;
import io.lockctl.core.transaction.StorageFault;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The store's identity and last committed position, kept beside the database so that a database
 * that lost commits (a restored backup, a truncated file, lost WAL frames) or was replaced is
 * noticed at start. The position is the audit log's size: every acknowledged mutation appends one
 * record in its own transaction, so the difference is the number of acknowledged writes missing.
 *
 * <p>The file holds two fixed-size slots, written in turn in place and forced to disk (fdatasync)
 * after each commit that moved the position and before its callers hear of it: a write torn by a
 * crash spoils only one slot, and the other still holds the previous position. Overwriting in place
 * never allocates, so it works on a full disk.
 */
final class PositionFile implements AutoCloseable {
  static final String FILE_NAME = "lockctl.position";

  private static final int MAGIC = 0x4c4b5053; // "LKPS"
  private static final int SLOT_BYTES = 64;
  // magic, store id (two longs), position, sequence, checksum
  private static final int RECORD_BYTES = 4 + 16 + 8 + 8 + 4;

  /** What a slot holds: which store, how far its commits went. */
  record Recorded(UUID storeId, long position, long sequence) {}

  private final FileChannel channel;
  private final UUID storeId;
  private long sequence;
  private long position;

  private PositionFile(FileChannel channel, UUID storeId, long sequence, long position) {
    this.channel = channel;
    this.storeId = storeId;
    this.sequence = sequence;
    this.position = position;
  }

  /** The newest intact slot of {@code dataDir}'s file; empty when there is no file. */
  static Optional<Recorded> read(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StorageException("reading " + file + " failed", e);
    }
    Recorded newest = null;
    for (int slot = 0; slot < 2; slot++) {
      Recorded recorded = parse(bytes, slot * SLOT_BYTES);
      if (recorded != null && (newest == null || recorded.sequence() > newest.sequence())) {
        newest = recorded;
      }
    }
    if (newest == null) {
      throw new StorageException(
          StorageFault.DAMAGED,
          file + " is damaged: neither of its slots holds an intact position",
          null);
    }
    return Optional.of(newest);
  }

  /** Opens the file for recording {@code storeId}'s positions, and records {@code position}. */
  static PositionFile open(Path dataDir, UUID storeId, long sequence, long position) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      PositionFile opened =
          new PositionFile(
              FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE),
              storeId,
              sequence,
              position);
      // both slots, so that no later write extends the file
      opened.write(position);
      opened.write(position);
      return opened;
    } catch (IOException e) {
      throw new StorageException("writing " + file + " failed", e);
    }
  }

  /** Records a committed position durably; does nothing if it did not move. */
  void record(long committed) throws IOException {
    if (committed != position) {
      write(committed);
    }
  }

  private void write(long committed) throws IOException {
    sequence++;
    ByteBuffer slot = ByteBuffer.allocate(RECORD_BYTES);
    slot.putInt(MAGIC)
        .putLong(storeId.getMostSignificantBits())
        .putLong(storeId.getLeastSignificantBits())
        .putLong(committed)
        .putLong(sequence);
    slot.putInt((int) checksum(slot.array(), 0, RECORD_BYTES - 4));
    slot.flip();
    channel.write(slot, (sequence % 2) * SLOT_BYTES);
    channel.force(false);
    position = committed;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // every record() was forced already
    }
  }

  private static Recorded parse(byte[] bytes, int offset) {
    if (bytes.length < offset + RECORD_BYTES) {
      return null;
    }
    ByteBuffer slot = ByteBuffer.wrap(bytes, offset, RECORD_BYTES);
    if (slot.getInt() != MAGIC) {
      return null;
    }
    UUID storeId = new UUID(slot.getLong(), slot.getLong());
    long position = slot.getLong();
    long sequence = slot.getLong();
    int stored = slot.getInt();
    if (stored != (int) checksum(bytes, offset, RECORD_BYTES - 4)) {
      return null;
    }
    return new Recorded(storeId, position, sequence);
  }

  private static long checksum(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return crc.getValue();
  }
}
