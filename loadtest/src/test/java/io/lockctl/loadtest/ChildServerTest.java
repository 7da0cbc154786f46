package io.lockctl.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildServerTest {

  private static final Pattern LAUNCHER_OPTIONS = Pattern.compile("(?m)^jvm_options=\"([^\"]*)\"$");

  @Test
  void theServerRunsWithTheLaunchersJvmOptions() throws Exception {
    // Maven runs the tests in the module's directory; the launcher is the checkout's bin/
    String launcher =
        Files.readString(Path.of("..", "bin", "lockctl-server"), StandardCharsets.UTF_8);
    Matcher options = LAUNCHER_OPTIONS.matcher(launcher);
    assertTrue(options.find(), "bin/lockctl-server sets jvm_options=\"...\"");

    assertEquals(List.of(options.group(1).split(" ")), ChildServer.LOCKCTL_JVM_OPTIONS);
  }

  @Test
  void theSystemdUnitRunsTheServerWithTheSameJvmOptions() throws Exception {
    String unit =
        Files.readString(Path.of("..", "docs", "lockctl.service"), StandardCharsets.UTF_8);

    assertTrue(
        unit.contains(
            "ExecStart=/usr/bin/java "
                + String.join(" ", ChildServer.LOCKCTL_JVM_OPTIONS)
                + " -jar /opt/lockctl/lock-server.jar"),
        unit);
  }

  @Test
  void theJvmOptionsComeBeforeTheJar(@TempDir Path dir) throws Exception {
    Path jar = Files.createFile(dir.resolve("lock-server.jar"));

    List<String> args = ChildServer.lockctlArgs(jar, dir.resolve("data"));

    int size = ChildServer.LOCKCTL_JVM_OPTIONS.size();
    assertEquals(ChildServer.LOCKCTL_JVM_OPTIONS, args.subList(0, size));
    assertEquals(List.of("-jar", jar.toString()), args.subList(size, size + 2));
    assertEquals(
        List.of("--data-dir", dir.resolve("data").toString()),
        args.subList(args.size() - 2, args.size()));
  }

  @Test
  void extraJvmOptionsComeAfterTheLaunchersSoTheyWin(@TempDir Path dir) throws Exception {
    Path jar = Files.createFile(dir.resolve("lock-server.jar"));

    List<String> args =
        ChildServer.lockctlArgs(jar, dir.resolve("data"), List.of("-XX:MaxGCPauseMillis=200"));

    int size = ChildServer.LOCKCTL_JVM_OPTIONS.size();
    assertEquals(ChildServer.LOCKCTL_JVM_OPTIONS, args.subList(0, size));
    assertEquals(
        List.of("-XX:MaxGCPauseMillis=200", "-jar", jar.toString()), args.subList(size, size + 3));
  }
}
