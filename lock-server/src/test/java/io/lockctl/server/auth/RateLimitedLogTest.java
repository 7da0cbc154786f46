package io.lockctl.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lockctl.server.testing.CapturedLog;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {
  private static final String NAME = RateLimitedLogTest.class.getName();
  private static final Logger LOGGER = Logger.getLogger(NAME);

  @Test
  void oneLineASecondPerKindCountingTheRest() {
    AtomicLong nanos = new AtomicLong(1_000);
    RateLimitedLog log = new RateLimitedLog(LOGGER, Duration.ofSeconds(1), nanos::get);
    try (CapturedLog captured = CapturedLog.of(NAME)) {
      log.warn("expired", "a");
      log.warn("expired", "b");
      log.warn("issuer", "c");
      nanos.addAndGet(999_999_999);
      log.warn("expired", "d");
      nanos.addAndGet(1);
      log.warn("expired", "e");
      log.warn("expired", "f");

      assertEquals(
          List.of("a", "c", "e (and 2 more like it, not logged)"),
          captured.messages(Level.WARNING));
    }
  }
}
