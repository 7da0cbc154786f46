package io.lockctl.core.store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Whether the store can serve: what the server's health check reports. Writes failing is a passing
 * condition (a full disk, a lost database connection) that ends with the next write that commits; a
 * damaged store stays damaged until an operator restarts the server, whose start-up checks then
 * refuse or accept the store.
 */
public final class StoreHealth {
  private static final Logger LOG = Logger.getLogger(StoreHealth.class.getName());

  /** What the store can do now. */
  public enum Condition {
    SERVING,
    /** No write commits now; the store keeps trying and serves again once one does. */
    WRITES_FAILING,
    /** Stored data failed the database's own checks; nothing more is served from it. */
    DAMAGED
  }

  private final List<Consumer<Condition>> listeners = new CopyOnWriteArrayList<>();
  private Condition condition = Condition.SERVING; // guarded by this

  public synchronized Condition condition() {
    return condition;
  }

  /** Calls {@code listener} with the condition now and after every change. */
  public void onChange(Consumer<Condition> listener) {
    listeners.add(listener);
    listener.accept(condition());
  }

  /** A write committed: a store whose writes were failing serves again. */
  public void writeCommitted() {
    move(Condition.WRITES_FAILING, Condition.SERVING, "writes commit again");
  }

  /** A write could not commit for a reason that may pass. */
  public void writeFailed() {
    move(Condition.SERVING, Condition.WRITES_FAILING, "writes are failing");
  }

  /** Stored data proved damaged; {@code evidence} says where. */
  public void damaged(String evidence) {
    boolean changed;
    synchronized (this) {
      changed = condition != Condition.DAMAGED;
      condition = Condition.DAMAGED;
    }
    if (changed) {
      LOG.log(
          Level.SEVERE,
          () -> "the store is damaged (" + evidence + "); it serves nothing more until a restart");
      listeners.forEach(listener -> listener.accept(Condition.DAMAGED));
    }
  }

  private void move(Condition from, Condition to, String what) {
    synchronized (this) {
      if (condition != from) {
        return;
      }
      condition = to;
    }
    LOG.warning(() -> "store health: " + what);
    listeners.forEach(listener -> listener.accept(to));
  }
}
