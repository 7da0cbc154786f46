package io.lockctl.core.lockkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The openssl command line as the documented key workflow uses it: commands run with bash in one
 * directory, where they read and write their files. Tests that use it skip where openssl is not
 * installed ({@link #installed}). Shared with lock-server's tests through lock-core's test jar.
 */
public final class Openssl {
  private final Path dir;

  public Openssl(Path dir) {
    this.dir = dir;
  }

  /** Whether {@code openssl version} runs. */
  public static boolean installed() {
    try {
      Process process =
          new ProcessBuilder("bash", "-c", "openssl version")
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs {@code command} with bash in the directory; its standard output. It must succeed. */
  public String run(String command) {
    try {
      Process process =
          new ProcessBuilder("bash", "-c", command)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), command);
      assertEquals(0, process.exitValue(), command);
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A file of the directory, as text. */
  public String read(String file) {
    try {
      return Files.readString(dir.resolve(file));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Writes {@code bytes} to a file of the directory (a challenge to sign, say). */
  public void write(String file, byte[] bytes) {
    try {
      Files.write(dir.resolve(file), bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
