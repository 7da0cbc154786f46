package io.lockctl.core.watch;

import java.util.ArrayDeque;

/**
 * One consumer's stream of lock events. It starts by catching up: reading the committed log itself,
 * one page whenever its consumer has taken the last, so a slow reader of the past only goes slowly.
 * Once it reaches the feed's position it joins the feed, which hands it each new record; from then
 * on it holds at most {@code capacity} undelivered events, and one more ends it {@link
 * WatchEnd.TooSlow}.
 *
 * <p>Lock order: the feed's lock, then this one; nothing here calls the feed while holding it.
 */
public final class Watch {
  private final AuditFeed feed;
  private final WatchFilter filter;
  private final WatchListener listener;
  private final int capacity;
  private final ArrayDeque<LockEvent> buffer = new ArrayDeque<>(); // guarded by this

  /** The next index this watch has not looked at yet. */
  private long next; // guarded by this

  private boolean live; // guarded by this
  private WatchEnd end; // guarded by this

  Watch(AuditFeed feed, WatchFilter filter, long startIndex, WatchListener listener, int capacity) {
    this.feed = feed;
    this.filter = filter;
    this.next = startIndex;
    this.listener = listener;
    this.capacity = capacity;
  }

  /**
   * The next event for the consumer, or {@code null} when there is none now: then the listener is
   * told when there is one, or when the watch ends. One consumer thread at a time calls it; while
   * catching up it reads the store on that thread.
   */
  public LockEvent poll() {
    while (true) {
      long from;
      synchronized (this) {
        LockEvent event = buffer.poll();
        if (end != null || event != null || live) {
          return end != null ? null : event;
        }
        from = next;
      }
      AuditFeed.Page page = feed.readPage(filter, from);
      synchronized (this) {
        if (end != null) {
          return null;
        }
        buffer.addAll(page.events());
        next = Math.max(next, page.next());
      }
      if (page.complete()) {
        feed.join(this);
      }
    }
  }

  /** How it ended, or {@code null} while it runs. */
  public synchronized WatchEnd end() {
    return end;
  }

  /** Events waiting for the consumer. */
  public synchronized int buffered() {
    return buffer.size();
  }

  /** Ends the watch for a consumer that went away. */
  public void cancel() {
    finish(new WatchEnd.Cancelled());
    feed.leave(this);
  }

  synchronized long next() {
    return next;
  }

  synchronized void markLive() {
    live = true;
  }

  /**
   * Takes a new committed record from the feed (under the feed's lock); false once this watch has
   * ended, so the feed drops it.
   */
  boolean offer(LockEvent event) {
    boolean wake;
    boolean keep;
    synchronized (this) {
      if (end != null) {
        return false;
      }
      if (event.index() < next) {
        return true; // caught up past it already
      }
      next = event.index() + 1;
      if (!filter.matches(event.entry())) {
        return true;
      }
      if (buffer.size() >= capacity) {
        end = new WatchEnd.TooSlow(buffer.isEmpty() ? event.index() : buffer.peek().index());
        buffer.clear();
        wake = true;
        keep = false;
      } else {
        wake = buffer.isEmpty();
        buffer.add(event);
        keep = true;
      }
    }
    if (wake) {
      listener.ready();
    }
    return keep;
  }

  /** Ends the watch unless it has ended already, and tells the consumer. */
  void finish(WatchEnd reason) {
    synchronized (this) {
      if (end != null) {
        return;
      }
      end = reason;
      buffer.clear();
    }
    listener.ready();
  }
}
