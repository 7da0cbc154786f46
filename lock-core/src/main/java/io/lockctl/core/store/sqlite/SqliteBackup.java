package io.lockctl.core.store.sqlite;

import io.lockctl.core.backup.BackupCopy;
import io.lockctl.core.backup.BackupRejections;
import io.lockctl.core.backup.OnlineBackup;
import io.lockctl.core.store.jdbc.SqlFailures;
import io.lockctl.core.transaction.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.sqlite.SQLiteConfig;

/**
 * Copies the database with {@code VACUUM INTO} on a connection of its own: SQLite reads one
 * snapshot in a read transaction (WAL lets the writer go on meanwhile) and writes a compact,
 * complete database. The copy is made under a hidden name beside the target, synced, then linked to
 * the target, so the target never names a partial file and an existing one is never replaced.
 */
final class SqliteBackup implements OnlineBackup {
  private static final String COPY = "VACUUM INTO ?";
  private static final String COUNT_AUDIT_RECORDS = "SELECT COUNT(*) FROM audit_record";

  private final SqliteDatabase database;

  SqliteBackup(SqliteDatabase database) {
    this.database = database;
  }

  @Override
  public BackupCopy copyTo(Path target) {
    Path directory = target.getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw BackupRejections.targetUnwritable(target, "its directory does not exist").toException();
    }
    if (!Files.isWritable(directory)) {
      throw BackupRejections.targetUnwritable(target, "the server may not write its directory")
          .toException();
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw BackupRejections.targetExists(target).toException();
    }
    Path partial = directory.resolve("." + target.getFileName() + "." + UUID.randomUUID());
    try {
      vacuumInto(partial, target);
      force(partial);
      long auditRecords = countAuditRecords(partial);
      Files.createLink(target, partial);
      force(directory);
      return new BackupCopy(target, Files.size(target), auditRecords);
    } catch (FileAlreadyExistsException raced) {
      throw BackupRejections.targetExists(target).toException();
    } catch (IOException e) {
      throw new StorageException("finishing the backup " + target + " failed", e);
    } finally {
      deleteQuietly(partial);
    }
  }

  private void vacuumInto(Path partial, Path target) {
    try (Connection connection = database.openReader();
        PreparedStatement copy = connection.prepareStatement(COPY)) {
      copy.setString(1, partial.toString());
      copy.execute();
    } catch (SQLException e) {
      if (!Files.isWritable(target.getParent())) {
        throw BackupRejections.targetUnwritable(target, e.getMessage()).toException();
      }
      throw SqlFailures.of("copying the database to " + partial, e);
    }
  }

  private static long countAuditRecords(Path copy) {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    try (Connection connection = config.createConnection("jdbc:sqlite:" + copy);
        PreparedStatement count = connection.prepareStatement(COUNT_AUDIT_RECORDS);
        ResultSet rows = count.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw SqlFailures.of("reading the backup " + copy, e);
    }
  }

  /** Makes a file's contents, or a directory's entries, durable. */
  private static void force(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static void deleteQuietly(Path partial) {
    try {
      Files.deleteIfExists(partial);
    } catch (IOException e) {
      // Only a hidden leftover beside the backup; the backup itself is complete or absent.
    }
  }
}
