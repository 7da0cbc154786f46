package io.lockctl.core.store.jdbc;

import io.lockctl.core.transaction.WriteScope;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.OptionalLong;

/**
 * What differs between the databases {@link JdbcStore} runs on. The tables, the queries and the
 * group-commit writer are shared; how connections are made, how a write batch starts (and whether
 * it must first learn what other processes wrote) and a few SQL spellings are not.
 */
public interface JdbcDialect {

  /** Names the database in messages, e.g. a file path or a JDBC URL without credentials. */
  String describe();

  /** Brings the schema up to date; called once, with the writer's connection open. */
  void migrate();

  /** A connection for the one writer, in autocommit mode: the writer says BEGIN and COMMIT. */
  Connection openWriter();

  /**
   * A connection for reads, in autocommit mode, on which {@code BEGIN} starts a read-only
   * transaction that sees one committed state throughout.
   */
  Connection openReader();

  /**
   * How many reader connections may be open at once; a read waits for one beyond that. Never for a
   * writer: readers do not share the writer's connection.
   */
  int maxReaders();

  /**
   * Whether other processes may write this database. If so, a read must first advance the clock to
   * the mark they persisted; if not, this process's clock already leads every committed write, and
   * reading the mark would only cost a query per read.
   */
  boolean hasOtherWriters();

  /**
   * Starts a write batch's transaction, holding whatever locks order it after the batches of other
   * writers of the database that touch what {@code scope} names (every batch when {@code scope} is
   * null), and returns the persisted high-water mark when other processes may have raised it (empty
   * when this process is the only writer, so its clock is never behind).
   */
  OptionalLong beginWrite(CachingConnection writer, WriteScope scope) throws SQLException;

  /**
   * Called in each write batch's transaction after its items ran and before their audit records are
   * appended: holds whatever lock keeps other writers' appends out until COMMIT.
   */
  default void lockAuditHead(CachingConnection writer) throws SQLException {}

  /**
   * Raises the persisted high-water mark to {@code millis} in the open transaction; never lowers
   * it.
   */
  void raiseHighWater(CachingConnection writer, long millis) throws SQLException;

  /** Called in each write batch's transaction after its work, just before COMMIT. */
  default void beforeCommit(CachingConnection writer) throws SQLException {}

  /**
   * Called after each COMMIT that succeeded, before any caller of the batch hears of it; whatever
   * it fails at, the batch stays committed.
   */
  default void afterCommit() {}

  /** Called on the writer connection once after opening and once before closing it. */
  default void maintain(Connection writer, boolean opening) throws SQLException {}

  /**
   * Whether the disk under the database has (nearly) no room left, asked when a write batch failed
   * with an I/O error that does not say why; a database on another machine cannot tell.
   */
  default boolean diskNearlyFull() {
    return false;
  }

  /** Called once the store has closed all its connections. */
  default void close() {}
}
