package io.lockctl.core.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** now() never goes back across threads while the clocks move and others advance and accept. */
class ComplianceClockConcurrencyTest {
  @Test
  void nowNeverReturnsAnInstantEarlierThanOneReturnedBefore() throws Exception {
    SettableClock wall = new SettableClock(Instant.parse("2030-01-01T00:00:00Z"));
    SettableTicker ticker = new SettableTicker(0);
    ComplianceClock clock = new ComplianceClock(wall, ticker, Duration.ofMinutes(5));
    AtomicLong latest = new AtomicLong(Long.MIN_VALUE);
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (CapturedClockLog log = new CapturedClockLog()) {
      List<Future<?>> readers = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        int reader = r;
        readers.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200_000; i++) {
                    long before = latest.get();
                    long now = clock.now().toEpochMilli();
                    if (now < before) {
                      failures.add("now() " + now + " after " + before + " was returned");
                    }
                    latest.accumulateAndGet(now, Math::max);
                    if (reader == 0 && i % 1000 == 0) {
                      clock.advanceTo(Instant.ofEpochMilli(now + 50));
                    } else if (reader == 1 && i % 5000 == 0) {
                      clock.acceptJump();
                    }
                  }
                }));
      }
      Future<?> mover =
          pool.submit(
              () -> {
                Random random = new Random(7);
                while (!done.get()) {
                  Duration elapsed = Duration.ofNanos(random.nextInt(2_000_000));
                  ticker.advance(elapsed);
                  wall.advance(elapsed);
                  if (random.nextInt(50) == 0) {
                    wall.advance(Duration.ofSeconds(random.nextInt(1200) - 600));
                  }
                }
              });
      for (Future<?> reader : readers) {
        reader.get(2, TimeUnit.MINUTES);
      }
      done.set(true);
      mover.get(1, TimeUnit.MINUTES);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), List.copyOf(failures).subList(0, Math.min(5, failures.size())));
  }
}
