package io.lockctl.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadToolTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aBadCommandLineExitsTwoWithTheReasonAndUsage() throws Exception {
    int status =
        LoadTool.run(
            List.of("bench", "--target", "h:1", "--rpc", "Nope", "--region", "r1"),
            print(out),
            print(err));

    assertEquals(2, status);
    String text = err.toString(StandardCharsets.UTF_8);
    assertTrue(text.startsWith("loadtest: --rpc must be"), text);
    assertTrue(text.contains("loadtest seed --target HOST:PORT"), text);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void unknownCommandAndNoCommand() throws Exception {
    assertEquals(2, LoadTool.run(List.of("stress"), print(out), print(err)));
    assertEquals(2, LoadTool.run(List.of(), print(out), print(err)));
  }

  @Test
  void helpGoesToStandardOutput() throws Exception {
    assertEquals(0, LoadTool.run(List.of("help"), print(out), print(err)));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("loadtest bench --target HOST:PORT"));
  }

  private static PrintStream print(ByteArrayOutputStream to) {
    return new PrintStream(to, true, StandardCharsets.UTF_8);
  }
}
