package io.lockctl.server.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.sqlite.SQLiteConfig;

/**
 * What a refused call must leave alone in the embedded store, read on a read-only connection of its
 * own: a row count and an order-independent hash of every domain table (snapshots and their tags,
 * rules and their tags and labels, lock keys, relationships, used unlock challenges, access keys,
 * and any table a later migration adds), and the number of audit records.
 *
 * <p>The bookkeeping tables are left out, because lockctl writes them on calls it refuses, or in
 * the background: the audit log's own tree, head and checkpoints (a refusal of a named resource
 * appends one record, counted separately), idempotency records, the server secrets made on first
 * use (the page-token key, the unlock-challenge key), the compliance clock's high-water mark, and
 * Flyway's history.
 */
final class StoreDigest implements AutoCloseable {
  static final Set<String> BOOKKEEPING =
      Set.of(
          "audit_record",
          "audit_node",
          "audit_head",
          "audit_checkpoint",
          "idempotency_record",
          "server_secret",
          "compliance_clock",
          "flyway_schema_history");

  /** One domain table: how many rows, and the sum of their hashes (so row order does not count). */
  record Table(long rows, long hash) {}

  /** The store at one moment: each domain table by name, and the audit log's length. */
  record State(Map<String, Table> tables, long auditRecords) {
    /** The domain tables whose rows differ between this state and {@code later}. */
    List<String> changedTables(State later) {
      Set<String> names = new TreeSet<>(tables.keySet());
      names.addAll(later.tables.keySet());
      List<String> changed = new ArrayList<>();
      for (String name : names) {
        Table before = tables.get(name);
        Table after = later.tables.get(name);
        if (before == null || !before.equals(after)) {
          changed.add(
              name
                  + " ("
                  + (before == null ? "none" : before.rows())
                  + " -> "
                  + (after == null ? "none" : after.rows())
                  + " rows)");
        }
      }
      return changed;
    }
  }

  private final Connection connection;

  StoreDigest(Path databaseFile) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    connection = config.createConnection("jdbc:sqlite:" + databaseFile.toAbsolutePath());
    connection.setAutoCommit(false);
  }

  /** The store now, read in one transaction. */
  State capture() throws SQLException {
    Map<String, Table> tables = new TreeMap<>();
    long audit;
    try (Statement statement = connection.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT name FROM sqlite_master WHERE type = 'table'"
                  + " AND name NOT LIKE 'sqlite_%' ORDER BY name")) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      for (String name : names) {
        if (!BOOKKEEPING.contains(name)) {
          tables.put(name, digest(statement, name));
        }
      }
      try (ResultSet count = statement.executeQuery("SELECT count(*) FROM audit_record")) {
        count.next();
        audit = count.getLong(1);
      }
    } finally {
      connection.rollback();
    }
    return new State(tables, audit);
  }

  private static Table digest(Statement statement, String table) throws SQLException {
    MessageDigest sha = sha256();
    long rows = 0;
    long sum = 0;
    try (ResultSet result = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        for (int column = 1; column <= columns; column++) {
          Object value = result.getObject(column);
          byte[] bytes =
              value == null
                  ? new byte[0]
                  : value instanceof byte[] blob
                      ? blob
                      : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
          sha.update((byte) (value == null ? 0 : value instanceof byte[] ? 1 : 2));
          sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
          sha.update(bytes);
        }
        sum += ByteBuffer.wrap(sha.digest()).getLong();
        rows++;
      }
    }
    return new Table(rows, sum);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
