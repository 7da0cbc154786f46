package io.lockctl.core.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.audit.AuditLog;
import io.lockctl.core.audit.MutationRecord;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.store.memory.MemoryStore;
import io.lockctl.core.testing.AuditRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The feed with and without watches: with none open it reads nothing, with none live it only moves
 * its position, and a watch that starts later still reads every record from its start index on.
 */
class AuditFeedTest {
  private final MemoryStore store =
      new MemoryStore(
          new ComplianceClock(new SettableClock(Instant.parse("2030-01-01T00:00:00Z"))));
  private final AuditLog audit = new AuditLog();
  private final AuditFeed feed = new AuditFeed(store, Duration.ofMillis(10), 100);

  @AfterEach
  void close() {
    feed.close();
  }

  @Test
  void withNoWatchTheFeedReadsNothingAndALaterWatchStillReadsTheWholeLog() throws Exception {
    append(5);
    Thread.sleep(100); // ten of the feed's poll intervals
    assertEquals(0, feed.position(), "with no watch open the feed read the log");

    Semaphore ready = new Semaphore(0);
    Watch fromStart = feed.watch(WatchFilter.ALL, 0, ready::release);
    assertEquals(List.of(0L, 1L, 2L, 3L, 4L), take(fromStart, ready, 5));
    awaitTrue(() -> feed.position() == 5, "the woken feed reached the log's size");

    append(3); // delivered by the feed now that the watch is live
    assertEquals(List.of(5L, 6L, 7L), take(fromStart, ready, 3));
  }

  @Test
  void aWatchThatEndsLeavesTheFeedIdleWithoutLosingRecordsForTheNext() throws Exception {
    Semaphore ready = new Semaphore(0);
    Watch first = feed.watch(WatchFilter.ALL, 0, ready::release);
    append(2);
    assertEquals(List.of(0L, 1L), take(first, ready, 2));
    first.cancel();

    append(4); // no watch open: the feed stays where it was
    Watch second = feed.watch(WatchFilter.ALL, 1, ready::release);
    assertEquals(LongStream.range(1, 6).boxed().toList(), take(second, ready, 5));
    awaitTrue(() -> feed.position() == 6, "the woken feed reached the log's size");

    append(1); // live again: the feed delivers
    assertEquals(List.of(6L), take(second, ready, 1));
  }

  private void append(int count) {
    for (int n = 0; n < count; n++) {
      MutationRecord record =
          AuditRecords.accepted("tester", "lockctl:LockSnapshot", "snapshot/s-" + n);
      store
          .write(
              tx -> {
                audit.append(tx, record);
                return null;
              })
          .join();
      feed.committed();
    }
  }

  /** The indices of the next {@code count} events, waiting for the watch's listener in between. */
  private static List<Long> take(Watch watch, Semaphore ready, int count)
      throws InterruptedException {
    List<Long> indices = new ArrayList<>();
    while (indices.size() < count) {
      LockEvent event = watch.poll();
      if (event != null) {
        indices.add(event.index());
      } else {
        assertTrue(ready.tryAcquire(5, TimeUnit.SECONDS), "no event came; got " + indices);
      }
    }
    return indices;
  }

  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what);
      Thread.sleep(5);
    }
  }
}
