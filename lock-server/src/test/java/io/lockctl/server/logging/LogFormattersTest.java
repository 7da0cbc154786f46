package io.lockctl.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogFormattersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonIsOneObjectALineWithTheFieldsBesideTheMessage() throws Exception {
    String line = new JsonLogFormatter().format(call("alice \"the\" admin\n\u0001"));

    assertTrue(line.endsWith(System.lineSeparator()));
    assertEquals(1, line.strip().lines().count(), line);
    JsonNode parsed = JSON.readTree(line);
    assertEquals("2026-12-02T03:04:05.678Z", parsed.get("time").asText());
    assertEquals("INFO", parsed.get("level").asText());
    assertEquals("io.lockctl.test", parsed.get("logger").asText());
    assertEquals("call", parsed.get("message").asText());
    assertEquals("alice \"the\" admin\n\u0001", parsed.get("principal").asText());
    assertEquals(12, parsed.get("count").asInt());
    assertTrue(parsed.get("count").isNumber());
    assertEquals(1.5, parsed.get("latency_ms").asDouble());
    assertFalse(parsed.has("stack_trace"));
  }

  @Test
  void jsonCarriesAThrowableAsErrorAndStackTrace() throws Exception {
    LogRecord record = record(Level.SEVERE, "call failed unexpectedly", Map.of());
    record.setThrown(new IllegalStateException("disk on fire"));

    JsonNode parsed = JSON.readTree(new JsonLogFormatter().format(record));

    assertEquals("ERROR", parsed.get("level").asText());
    assertEquals("java.lang.IllegalStateException: disk on fire", parsed.get("error").asText());
    assertTrue(parsed.get("stack_trace").asText().contains("LogFormattersTest"));
  }

  @Test
  void textIsKeyValuePairsAfterTheMessageQuotedWhereNeeded() {
    String line = new TextLogFormatter().format(call("alice \"the\" admin\n\u0001"));

    assertEquals(
        "2026-12-02T03:04:05.678Z INFO io.lockctl.test: call principal=\"alice \\\"the\\\""
            + " admin\\u000a\\u0001\" count=12 latency_ms=1.5 rpc=lockctl.v1.SnapshotService/GetSnapshot"
            + System.lineSeparator(),
        line);
  }

  @Test
  void textQuotesAnEmptyValueAnEqualsSignAndNonAscii() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("empty", "");
    fields.put("pair", "a=b");
    fields.put("name", "caf\u00e9");
    fields.put("id", "snap-0123_ab.c/d");

    String line = new TextLogFormatter().format(record(Level.INFO, "call", fields));

    assertTrue(
        line.endsWith(
            "call empty=\"\" pair=\"a=b\" name=\"caf\u00e9\" id=snap-0123_ab.c/d"
                + System.lineSeparator()),
        line);
  }

  @Test
  void levelsAreNamedAsOperatorsExpect() {
    assertEquals("WARN", LogSettings.levelName(Level.WARNING));
    assertEquals("DEBUG", LogSettings.levelName(Level.FINE));
    assertEquals("TRACE", LogSettings.levelName(Level.FINEST));
    assertEquals("INFO", LogSettings.levelName(Level.INFO));
    assertEquals("ERROR", LogSettings.levelName(Level.SEVERE));
  }

  @Test
  void aRecordWithoutFieldsPrintsItsMessage() throws Exception {
    LogRecord plain = new LogRecord(Level.WARNING, "clock stepped back");
    plain.setLoggerName("io.lockctl.core.clock");
    plain.setInstant(Instant.parse("2026-12-02T00:00:00Z"));

    assertEquals(
        "clock stepped back",
        JSON.readTree(new JsonLogFormatter().format(plain)).get("message").asText());
    assertTrue(
        new TextLogFormatter()
            .format(plain)
            .contains("WARN io.lockctl.core.clock: clock stepped back"));
  }

  private static LogRecord call(String principal) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("principal", principal);
    fields.put("count", 12);
    fields.put("latency_ms", 1.5);
    fields.put("rpc", "lockctl.v1.SnapshotService/GetSnapshot");
    return record(Level.INFO, "call", fields);
  }

  private static LogRecord record(Level level, String message, Map<String, ?> fields) {
    LogRecord record = LogFields.record("io.lockctl.test", level, message, fields);
    record.setInstant(Instant.parse("2026-12-02T03:04:05.678Z"));
    return record;
  }
}
