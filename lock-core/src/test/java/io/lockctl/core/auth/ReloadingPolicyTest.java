package io.lockctl.core.auth;

import static io.lockctl.core.auth.PolicyValidationTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReloadingPolicyTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final String SNAPSHOT = Lrn.snapshot("cn-hangzhou", "s-1");

  @TempDir Path directory;
  private Path file;
  private CapturedLog log;

  @BeforeEach
  void setUp() {
    file = directory.resolve("policy.json");
    log = new CapturedLog();
  }

  @AfterEach
  void tearDown() {
    log.close();
  }

  /** A policy that lets {@code principal}, and only it, read snapshots. */
  private static String allowing(String principal) {
    return json(
        "{'statements': [{'sid': 'reader', 'effect': 'ALLOW', 'principals': ['"
            + principal
            + "'], 'actions': ['lockctl:GetSnapshot'], 'resources': ['*']}]}");
  }

  private static final String INVALID =
      json("{'statements': [{'principals': ['*'], 'actions': ['lockctl:*'], 'resources': ['*']}]}");

  private void write(Path target, String content) throws IOException {
    // written aside and moved in, as an editor or a ConfigMap does, so a poll never reads half
    Path temporary = Files.createTempFile(directory, "policy", ".tmp");
    Files.writeString(temporary, content, StandardCharsets.UTF_8);
    Files.move(
        temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static boolean allows(Authorizer policy, String principal) {
    return policy
        .authorize(AccessRequest.of(principal, Actions.forRpc("GetSnapshot"), SNAPSHOT))
        .allowed();
  }

  private static void eventually(String what, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + DEADLINE + ": " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void anInvalidNewFileKeepsTheOldPolicyAndLogsWhyOnce() throws Exception {
    write(file, allowing("alice"));
    ReloadingPolicy policy = ReloadingPolicy.load(file);
    Policy first = policy.current();
    assertTrue(allows(policy, "alice"));

    write(file, INVALID);
    assertFalse(policy.reload());
    assertSame(first, policy.current());
    assertTrue(allows(policy, "alice"));
    assertEquals(
        List.of(
            "policy not reloaded, the previous policy stays in force: policy file "
                + file
                + ": statements[0]: missing \"effect\" (\"ALLOW\" or \"DENY\")"),
        log.messages(Level.WARNING));

    write(file, allowing("bob"));
    assertTrue(policy.reload());
    assertTrue(allows(policy, "bob"));
    assertFalse(allows(policy, "alice"));
    assertEquals(1, log.messages(Level.WARNING).size());
    assertEquals(
        List.of("policy reloaded from " + file + " (1 statements)"), log.messages(Level.INFO));
  }

  @Test
  void anyFailureToReadKeepsTheOldPolicy() throws Exception {
    write(file, allowing("alice"));
    ReloadingPolicy policy = ReloadingPolicy.load(file);

    Files.delete(file);
    assertFalse(policy.reload());
    Files.writeString(file, "{\"statements\": [");
    assertFalse(policy.reload());
    Files.write(file, new byte[PolicyParser.MAX_BYTES + 10]);
    assertFalse(policy.reload());
    assertTrue(allows(policy, "alice"));

    List<String> warnings = log.messages(Level.WARNING);
    assertEquals(3, warnings.size());
    String kept = "policy not reloaded, the previous policy stays in force: policy file " + file;
    assertEquals(kept + ": it does not exist", warnings.get(0));
    assertTrue(warnings.get(1).startsWith(kept + ": not valid JSON at line 1"), warnings.get(1));
    assertEquals(
        kept + ": it is 1048586 bytes, more than the 1048576 (1 MiB) a policy may have",
        warnings.get(2));
  }

  @Test
  void startingWithAMissingOrInvalidFileFailsWithAClearMessage() throws IOException {
    InvalidPolicyException missing =
        assertThrows(InvalidPolicyException.class, () -> ReloadingPolicy.load(file));
    assertEquals("policy file " + file + ": it does not exist", missing.getMessage());

    write(file, INVALID);
    InvalidPolicyException invalid =
        assertThrows(InvalidPolicyException.class, () -> ReloadingPolicy.load(file));
    assertEquals(
        "policy file " + file + ": statements[0]: missing \"effect\" (\"ALLOW\" or \"DENY\")",
        invalid.getMessage());

    InvalidPolicyException notAFile =
        assertThrows(InvalidPolicyException.class, () -> ReloadingPolicy.load(directory));
    assertEquals("policy file " + directory + ": it is not a regular file", notAFile.getMessage());
  }

  @Test
  void theWatcherReloadsAChangedFileAndWarnsOncePerBadVersion() throws Exception {
    write(file, allowing("alice"));
    ReloadingPolicy policy = ReloadingPolicy.load(file);
    try (PolicyWatcher watcher = policy.watch(Duration.ofMillis(50))) {
      write(file, allowing("bob"));
      eventually("bob allowed", () -> allows(policy, "bob"));

      write(file, INVALID);
      eventually("a warning", () -> !log.messages(Level.WARNING).isEmpty());
      assertTrue(allows(policy, "bob"));

      write(file, allowing("carol"));
      eventually("carol allowed", () -> allows(policy, "carol"));
      assertEquals(1, log.messages(Level.WARNING).size(), log.messages(Level.WARNING).toString());
    }
  }

  @Test
  void theWatcherFollowsAConfigMapSymlinkSwap() throws Exception {
    // Kubernetes mounts a ConfigMap as policy.json -> ..data/policy.json, ..data -> ..v1, and
    // updates it by pointing ..data at a new directory
    Path v1 = Files.createDirectory(directory.resolve("..v1"));
    Files.writeString(v1.resolve("policy.json"), allowing("alice"));
    Path data = directory.resolve("..data");
    Files.createSymbolicLink(data, v1.getFileName());
    Files.createSymbolicLink(file, data.getFileName().resolve("policy.json"));

    ReloadingPolicy policy = ReloadingPolicy.load(file);
    assertTrue(allows(policy, "alice"));
    try (PolicyWatcher watcher = policy.watch(Duration.ofMillis(50))) {
      Path v2 = Files.createDirectory(directory.resolve("..v2"));
      Files.writeString(v2.resolve("policy.json"), allowing("bob"));
      Path next = directory.resolve("..data_tmp");
      Files.createSymbolicLink(next, v2.getFileName());
      Files.move(next, data, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      eventually("bob allowed", () -> allows(policy, "bob"));
      assertFalse(allows(policy, "alice"));
    }
  }
}
