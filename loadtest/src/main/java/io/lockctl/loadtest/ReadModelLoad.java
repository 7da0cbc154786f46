package io.lockctl.loadtest;

import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.store.jdbc.ReadModelOptions;
import io.lockctl.core.store.sqlite.SqliteStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;

/**
 * What the read model costs at start-up: seeds {@code COUNT} snapshots straight into a fresh
 * store's database (the statements of {@code sql/seed-large-store.sql}, with the count changed;
 * every tenth snapshot locked, every snapshot tagged), then opens the store and reports the time to
 * SERVING (the open returning), the time and the loading thread's CPU until reads come from memory,
 * and the heap the model holds (used heap after a full GC, with the store open and loaded, minus
 * the same with the store open without a model).
 *
 * <pre>
 * java -Xmx4g -cp loadtest/target/loadtest.jar io.lockctl.loadtest.ReadModelLoad DIR 1000000
 * </pre>
 */
public final class ReadModelLoad {
  private ReadModelLoad() {}

  public static void main(String[] args) throws Exception {
    Path parent = Path.of(args.length > 0 ? args[0] : ".");
    long count = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
    Path dir = Files.createTempDirectory(parent.toAbsolutePath(), "read-model-load-");
    try {
      try (SqliteStore created =
          SqliteStore.open(
              dir, new ComplianceClock(Clock.systemUTC()), false, ReadModelOptions.OFF)) {
        // creates the schema
      }
      long seedStarted = System.nanoTime();
      seed(dir.resolve("lockctl.db"), count);
      System.out.printf(
          Locale.ROOT,
          "seeded %d snapshots in %.1f s%n",
          count,
          (System.nanoTime() - seedStarted) / 1e9);
      long baseline = heapWith(dir, ReadModelOptions.OFF, null);
      long[] loaded = new long[3];
      long withModel = heapWith(dir, ReadModelOptions.ON, loaded);
      double perMillion = 1e6 / count;
      System.out.printf(
          Locale.ROOT,
          "open to SERVING: %d ms; loaded in %d ms wall, %.2f s CPU (%.2f s CPU per million)%n",
          loaded[0],
          loaded[1],
          loaded[2] / 1e9,
          loaded[2] / 1e9 * perMillion);
      System.out.printf(
          Locale.ROOT,
          "heap held by the model: %.0f MB (%.0f MB per million snapshots, %.0f bytes each)%n",
          (withModel - baseline) / 1e6,
          (withModel - baseline) / 1e6 * perMillion,
          (double) (withModel - baseline) / count);
    } finally {
      Compare.deleteRecursively(dir);
    }
  }

  /** Used heap after GC with the store open (and its model loaded, if any). */
  private static long heapWith(Path dir, ReadModelOptions options, long[] times)
      throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long opened = System.nanoTime();
    try (SqliteStore store =
        SqliteStore.open(dir, new ComplianceClock(Clock.systemUTC()), false, options)) {
      long serving = System.nanoTime();
      while (options.enabled() && !store.readModelReady()) {
        Thread.sleep(1);
      }
      while (options.enabled() && store.readModelLoadCpuNanos() == 0) {
        Thread.sleep(1); // the loading thread notes its CPU just after it makes the model ready
      }
      long ready = System.nanoTime();
      if (times != null) {
        times[0] = (serving - opened) / 1_000_000;
        times[1] = (ready - opened) / 1_000_000;
        times[2] = store.readModelLoadCpuNanos();
      }
      for (int i = 0; i < 3; i++) {
        System.gc();
        Thread.sleep(200);
      }
      long used = memory.getHeapMemoryUsage().getUsed();
      // keep the store (and its model) reachable until measured
      if (store.health() == null) {
        throw new IllegalStateException();
      }
      return used;
    }
  }

  private static void seed(Path database, long count) throws SQLException, IOException {
    String script;
    try (var in = ReadModelLoad.class.getResourceAsStream("/seed-large-store.sql")) {
      script =
          in != null
              ? new String(in.readAllBytes(), StandardCharsets.UTF_8)
              : Files.readString(Path.of("loadtest/sql/seed-large-store.sql"));
    }
    script = script.replace("9999999", Long.toString(count - 1));
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      for (String sql : script.split(";\\s*\\n")) {
        String trimmed = stripComments(sql).trim();
        if (!trimmed.isEmpty()) {
          statement.execute(trimmed);
        }
      }
    }
  }

  private static String stripComments(String sql) {
    StringBuilder kept = new StringBuilder();
    for (String line : sql.split("\n")) {
      if (!line.startsWith("--")) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }
}
