package io.lockctl.core.watch;

import io.lockctl.core.audit.AuditEvent;
import io.lockctl.core.audit.AuditQuery;
import io.lockctl.core.audit.AuditReads;
import io.lockctl.core.transaction.Transactions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tails the committed audit log by index and hands each new record to every live {@link Watch}.
 *
 * <p>It reads only what a read transaction sees, so a record reaches a consumer after its commit
 * and never before. The local store wakes it after each commit ({@link #committed}); it also reads
 * every {@code pollInterval}, which is how a replica sharing PostgreSQL with others delivers their
 * writes too. Indices are given in commit order with no gaps (every batch appends its records with
 * the log's head locked until it commits, on every replica), so reading from the next unread index
 * never skips a record.
 *
 * <p>While no watch is open it reads nothing, neither after commits nor on a poll: the first watch
 * to open wakes it. Every watch reads its own way up to the feed's position, so a position that
 * fell behind meanwhile only means the feed skips ahead before that watch goes live.
 *
 * <p>Handing a record over never waits: a watch whose buffer is full ends instead.
 */
public final class AuditFeed implements AutoCloseable {
  /** Records read per query, by the feed and by a watch catching up. */
  static final int PAGE = 512;

  private static final Logger LOG = Logger.getLogger(AuditFeed.class.getName());

  private final Transactions<? extends AuditReads, ?> store;
  private final Duration pollInterval;
  private final int capacity;
  private final Object lock = new Object();
  private final Set<Watch> open = new LinkedHashSet<>(); // guarded by lock
  private final Set<Watch> live = new LinkedHashSet<>(); // guarded by lock

  /** The next index the feed reads; every earlier record has been handed to the live watches. */
  private long position; // guarded by lock

  private boolean woken; // guarded by lock
  private boolean stopped; // guarded by lock
  private final Thread thread;

  /**
   * Starts tailing from the log's current size.
   *
   * @param capacity the most events a live watch holds for its consumer
   */
  public AuditFeed(
      Transactions<? extends AuditReads, ?> store, Duration pollInterval, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a watch holds at least one event");
    }
    this.store = store;
    this.pollInterval = pollInterval;
    this.capacity = capacity;
    this.position = store.read(tx -> tx.auditLog().head().size());
    this.thread = new Thread(this::run, "lockctl-audit-feed");
    thread.setDaemon(true);
    thread.start();
  }

  /** Tells the feed that a write batch committed: it reads at once instead of at its next poll. */
  public void committed() {
    synchronized (lock) {
      if (open.isEmpty()) {
        return; // no one to read for; the next watch to open wakes the feed
      }
      woken = true;
      lock.notifyAll();
    }
  }

  /**
   * A watch from {@code startIndex} (at most the log's size) on; it delivers nothing until its
   * consumer polls. After {@link #close} the watch starts ended.
   */
  public Watch watch(WatchFilter filter, long startIndex, WatchListener listener) {
    Watch watch = new Watch(this, filter, startIndex, listener, capacity);
    boolean refused;
    synchronized (lock) {
      refused = stopped;
      if (!refused) {
        open.add(watch);
        woken = true; // an idle feed moves its position on before the watch can go live
        lock.notifyAll();
      }
    }
    if (refused) {
      watch.finish(new WatchEnd.FeedStopped());
    }
    return watch;
  }

  /**
   * The next index the feed will read: the log's size as this replica last saw it, which stands
   * still while no watch is open.
   */
  public long position() {
    synchronized (lock) {
      return position;
    }
  }

  /** The watches open now. */
  public List<Watch> watches() {
    synchronized (lock) {
      return List.copyOf(open);
    }
  }

  /** Stops tailing and ends every watch with {@link WatchEnd.FeedStopped}. */
  @Override
  public void close() {
    List<Watch> ending;
    synchronized (lock) {
      stopped = true;
      lock.notifyAll();
      ending = List.copyOf(open);
      open.clear();
      live.clear();
    }
    try {
      thread.join();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    ending.forEach(watch -> watch.finish(new WatchEnd.FeedStopped()));
  }

  /**
   * One page of a catching-up watch: the records passing {@code filter} from {@code from} on, and
   * the index after the last one the page accounts for. {@code complete} says that no record up to
   * the log's size when read was left out.
   */
  Page readPage(WatchFilter filter, long from) {
    return store.read(
        tx -> {
          // The size first: the records listed after it include every one below it.
          long size = tx.auditLog().head().size();
          List<AuditEvent> events =
              tx.auditLog()
                  .list(
                      new AuditQuery(
                          filter.resourcePrefix(),
                          "",
                          filter.action(),
                          null,
                          null,
                          from - 1,
                          PAGE));
          long next = events.isEmpty() ? from : events.get(events.size() - 1).index() + 1;
          boolean complete = events.size() < PAGE;
          return new Page(decode(events), complete ? Math.max(size, next) : next, complete);
        });
  }

  /** Makes {@code watch} live if it has caught up with the feed; otherwise it reads on. */
  void join(Watch watch) {
    boolean refused;
    synchronized (lock) {
      refused = stopped;
      if (!refused && watch.next() >= position && open.contains(watch)) {
        watch.markLive();
        live.add(watch);
      }
    }
    if (refused) {
      watch.finish(new WatchEnd.FeedStopped());
    }
  }

  void leave(Watch watch) {
    synchronized (lock) {
      open.remove(watch);
      live.remove(watch);
    }
  }

  private void run() {
    while (true) {
      long from;
      boolean anyLive;
      synchronized (lock) {
        if (!woken && !stopped) {
          try {
            lock.wait(open.isEmpty() ? 0 : pollInterval.toMillis()); // 0: until woken
          } catch (InterruptedException interrupted) {
            return;
          }
        }
        if (stopped) {
          return;
        }
        woken = false;
        from = position;
        anyLive = !live.isEmpty();
      }
      try {
        if (anyLive) {
          publish(from, store.read(tx -> tx.auditLog().scan(from, PAGE)));
        } else {
          skipTo(from, store.read(tx -> tx.auditLog().head().size()));
        }
      } catch (RuntimeException unavailable) {
        // the store is briefly unreachable (PostgreSQL restarting); the next poll tries again
        LOG.log(Level.WARNING, "reading the audit log for watchers failed", unavailable);
      }
    }
  }

  /**
   * With no live watch there is no one to hand records to, so the feed only moves its position to
   * the log's size, without reading or decoding the records. A watch that catches up later reads
   * them itself ({@link #readPage}) before it goes live. If one went live meanwhile, the feed reads
   * the records after all.
   */
  private void skipTo(long from, long size) {
    synchronized (lock) {
      if (position != from || stopped) {
        return;
      }
      if (live.isEmpty()) {
        position = Math.max(position, size);
      } else {
        woken = true;
      }
    }
  }

  private void publish(long from, List<AuditEvent> read) {
    List<LockEvent> events = decode(read);
    synchronized (lock) {
      if (position != from || stopped) {
        return;
      }
      for (LockEvent event : events) {
        for (Iterator<Watch> watches = live.iterator(); watches.hasNext(); ) {
          Watch watch = watches.next();
          if (!watch.offer(event)) {
            watches.remove();
            open.remove(watch);
          }
        }
      }
      if (!read.isEmpty()) {
        position = read.get(read.size() - 1).index() + 1;
      }
      if (read.size() == PAGE) {
        woken = true; // more to read
      }
    }
  }

  /**
   * The records with their resources; one that does not parse is skipped (VerifyAudit names it).
   */
  private static List<LockEvent> decode(List<AuditEvent> events) {
    List<LockEvent> decoded = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      try {
        decoded.add(new LockEvent(event.entry(), ChangedResource.of(event.after())));
      } catch (
          RuntimeException malformed) { // a malformed record, or a resource state no codec reads
        LOG.log(
            Level.SEVERE,
            "audit record " + event.index() + " does not parse; watchers do not see it",
            malformed);
      }
    }
    return decoded;
  }

  /** See {@link #readPage}. */
  record Page(List<LockEvent> events, long next, boolean complete) {
    Page {
      events = List.copyOf(events);
    }
  }
}
