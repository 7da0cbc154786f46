package io.lockctl.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The log's writer thread: lines from many threads each come out whole, none is lost even when they
 * outnumber the queue, and a stop's line is written by the time publish returns.
 */
class ServerLogWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger CALLS = Logger.getLogger("io.lockctl.test.calls");

  private final Logger root = Logger.getLogger("");
  private Handler[] savedHandlers;
  private Level savedLevel;

  @BeforeEach
  void saveRootLogger() {
    savedHandlers = root.getHandlers();
    savedLevel = root.getLevel();
  }

  @AfterEach
  void restoreRootLogger() {
    for (Handler installed : root.getHandlers()) {
      root.removeHandler(installed);
    }
    for (Handler saved : savedHandlers) {
      root.addHandler(saved);
    }
    root.setLevel(savedLevel);
    Logger.getLogger("io.lockctl").setLevel(null);
  }

  @Test
  void everyLineFromManyThreadsIsWrittenWholeBeforeTheStopLine() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ServerLog log =
        ServerLog.install(
            new LogSettings(LogSettings.Format.JSON, Level.INFO),
            new PrintStream(bytes, false, StandardCharsets.UTF_8));
    int threads = 4;
    int linesEach = 5_000; // 20,000 lines: more than the queue holds, so callers wait for room
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                for (int n = 0; n < linesEach; n++) {
                  LogFields.log(CALLS, Level.INFO, "call", Map.of("line", thread + "-" + n));
                }
              }));
    }
    for (Future<?> each : done) {
      each.get();
    }
    pool.shutdown();
    log.publish(LogFields.record("io.lockctl.test", Level.INFO, "stopped", Map.of()));

    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(threads * linesEach + 1, lines.length);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < lines.length - 1; i++) {
      JsonNode line = JSON.readTree(lines[i]); // each line is one whole JSON object
      assertTrue(seen.add(line.get("line").asText()), lines[i]);
    }
    assertEquals("stopped", JSON.readTree(lines[lines.length - 1]).get("message").asText());
  }
}
