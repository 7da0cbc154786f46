package io.lockctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.util.JsonFormat;
import io.lockctl.server.DaggerServerComponent;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.v1.GetAuditCheckpointResponse;
import io.lockctl.v1.GetSnapshotResponse;
import io.lockctl.v1.ListSnapshotsResponse;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.RetentionRule;
import io.lockctl.v1.RuleLockState;
import io.lockctl.v1.Snapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lockctl against a real server on a real port: what it prints and the status it exits with. */
class LockctlCliTest {
  private static final String REGION = "cn-hangzhou";

  @TempDir static Path dir;

  private static LockctlServer server;
  private static String target;

  @BeforeAll
  static void startServer() throws Exception {
    server =
        DaggerServerComponent.factory()
            .create(new ServerConfig("127.0.0.1", 0, dir.resolve("data"), Duration.ofSeconds(5)))
            .server();
    target = "127.0.0.1:" + server.start();
  }

  @AfterAll
  static void stopServer() {
    server.stop(Duration.ofSeconds(5));
  }

  record Result(int status, String out, String err) {}

  private static Result lockctl(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> line = new ArrayList<>(List.of("--target", target));
    line.addAll(List.of(args));
    int status =
        Lockctl.run(
            new PrintWriter(out, true), new PrintWriter(err, true), line.toArray(String[]::new));
    return new Result(status, out.toString(), err.toString());
  }

  private static Result ok(String... args) {
    Result result = lockctl(args);
    assertEquals(0, result.status(), () -> String.join(" ", args) + "\n" + result.err());
    return result;
  }

  private static Snapshot register() throws Exception {
    GetSnapshotResponse.Builder registered = GetSnapshotResponse.newBuilder();
    JsonFormat.parser()
        .merge(ok("snapshots", "register", "--region", REGION, "-o", "json").out(), registered);
    return registered.getSnapshot();
  }

  @Test
  void callSendsAnyRpcInTheProtoJsonMappingAndPrintsTheJsonResponse() throws Exception {
    Result registered =
        ok(
            "call",
            "SnapshotService/RegisterSnapshot",
            "{\"region_id\":\"cn-hangzhou\",\"snapshot_id\":\"s-0000000000000000call\","
                + "\"status\":\"SNAPSHOT_STATUS_ACCOMPLISHED\",\"tags\":{\"env\":\"prod\"}}");
    assertTrue(registered.out().contains("\"snapshot_id\": \"s-0000000000000000call\""));

    Result read =
        ok(
            "call",
            "lockctl.v1.SnapshotService/GetSnapshot",
            "{\"regionId\":\"cn-hangzhou\",\"snapshotId\":\"s-0000000000000000call\"}");
    GetSnapshotResponse.Builder response = GetSnapshotResponse.newBuilder();
    JsonFormat.parser().merge(read.out(), response);
    assertEquals("prod", response.getSnapshot().getTagsOrThrow("env"));

    Path request = dir.resolve("request.json");
    Files.writeString(request, "{\"region_id\":\"cn-hangzhou\"}");
    ListSnapshotsResponse.Builder listed = ListSnapshotsResponse.newBuilder();
    JsonFormat.parser()
        .merge(ok("call", "SnapshotService/ListSnapshots", "@" + request).out(), listed);
    assertTrue(
        listed.getSnapshotsList().stream()
            .anyMatch(s -> s.getSnapshotId().equals("s-0000000000000000call")));
    assertTrue(ok("call", "--list").out().contains("lockctl.v1.BackupService/CreateBackup"));
  }

  @Test
  void callFindsServicesThisBuildDoesNotKnowThroughTheServersReflection() {
    Result health = ok("call", "grpc.health.v1.Health/Check", "{\"service\":\"\"}");
    assertTrue(health.out().contains("\"status\": \"SERVING\""), health.out());

    Result unknown = lockctl("call", "lockctl.v1.NoSuchService/Get");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("nor in the server's reflection"), unknown.err());
  }

  @Test
  void aRefusalExitsOneWithTheCodeReasonMetadataAndFieldViolations() throws Exception {
    String id = register().getSnapshotId();
    ok("locks", "lock", id, "-r", REGION, "--mode", "compliance", "--days", "30");

    Result locked = lockctl("snapshots", "delete", id, "-r", REGION);
    assertEquals(1, locked.status());
    assertTrue(locked.err().startsWith("lockctl: FAILED_PRECONDITION SNAPSHOT_LOCKED: "));
    assertTrue(locked.err().contains("  lock_status: COMPLIANCE"), locked.err());

    Result malformed =
        lockctl(
            "locks",
            "lock",
            id,
            "-r",
            REGION,
            "--mode",
            "compliance",
            "--days",
            "30",
            "--cool-off-hours",
            "99");
    assertEquals(1, malformed.status());
    assertTrue(malformed.err().contains("INVALID_ARGUMENT INVALID_COOL_OFF_PERIOD"));
    assertTrue(malformed.err().contains("  field cool_off_period_hours: "), malformed.err());

    Result missing =
        lockctl(
            "call",
            "SnapshotService/GetSnapshot",
            "{\"region_id\":\"cn-hangzhou\"," + "\"snapshot_id\":\"s-00000000000000000404\"}");
    assertEquals(1, missing.status());
    assertTrue(missing.err().contains("NOT_FOUND SNAPSHOT_NOT_FOUND"));
    assertEquals("", missing.out());
  }

  @Test
  void badUsageExitsTwoWithAMessageAndNoOutput() {
    List<List<String>> mistakes =
        List.of(
            List.of("snapshot", "list"),
            List.of("snapshots", "list"),
            List.of("locks", "lock", "s-1", "-r", REGION, "--mode", "forever", "--days", "1"),
            List.of("locks", "lock", "s-1", "-r", REGION, "--mode", "governance"),
            List.of("call", "SnapshotService/NoSuchRpc"),
            List.of("call", "SnapshotService/GetSnapshot", "{not json"),
            List.of("call", "SnapshotService/GetSnapshot", "{\"no_such_field\":1}"),
            List.of("snapshots", "list", "-r", REGION, "--token", "t"),
            List.of("snapshots", "list", "-r", REGION, "--tls-cert", "c.pem"),
            List.of(
                "snapshots", "list", "-r", REGION, "--tls-ca", dir.resolve("no.pem").toString()),
            List.of("snapshots", "list", "-r", REGION, "--output", "yaml"));
    for (List<String> mistake : mistakes) {
      Result result = lockctl(mistake.toArray(String[]::new));
      assertEquals(2, result.status(), mistake + ": " + result.err());
      assertTrue(result.err().startsWith("lockctl: "), mistake + ": " + result.err());
      assertEquals("", result.out(), mistake.toString());
    }
  }

  @Test
  void theEverydayCommandsCoverSnapshotsLocksAndRules() throws Exception {
    String id = register().getSnapshotId();
    ok("locks", "lock", id, "-r", REGION, "--mode", "governance", "--days", "7");
    Result table = ok("locks", "describe", id, "-r", REGION);
    String[] lines = table.out().split("\n");
    assertTrue(lines[0].startsWith("snapshot_id "), table.out());
    assertTrue(lines[1].startsWith(id) && lines[1].contains("LOCK_STATUS_GOVERNANCE"), lines[1]);

    ok("locks", "unlock", id, "-r", REGION);
    GetSnapshotResponse.Builder after = GetSnapshotResponse.newBuilder();
    JsonFormat.parser().merge(ok("snapshots", "get", id, "-r", REGION, "-o", "json").out(), after);
    assertFalse(
        after.getSnapshot().hasLock()
            && after.getSnapshot().getLock().getLockStatus() == LockStatus.LOCK_STATUS_GOVERNANCE);

    Result created = ok("-o", "json", "rules", "create", "-r", REGION, "--retention-days", "30");
    RetentionRule.Builder rule = RetentionRule.newBuilder();
    JsonFormat.parser().ignoringUnknownFields().merge(ruleOf(created.out()), rule);
    ok("rules", "lock", rule.getIdentifier(), "-r", REGION, "--delay-days", "7");
    ok("rules", "unlock", rule.getIdentifier(), "-r", REGION);
    Result shown = ok("rules", "get", rule.getIdentifier(), "-r", REGION);
    assertTrue(
        shown.out().contains("lock_state")
            && shown.out().contains(RuleLockState.RULE_LOCK_STATE_PENDING_UNLOCK.name()),
        shown.out());
    assertTrue(ok("rules", "list", "-r", REGION).out().contains(rule.getIdentifier()));
  }

  private static String ruleOf(String createRuleResponse) throws Exception {
    var response = io.lockctl.v1.CreateRuleResponse.newBuilder();
    JsonFormat.parser().merge(createRuleResponse, response);
    return JsonFormat.printer().print(response.getRule());
  }

  @Test
  void auditVerifyChecksSavedCheckpointsAgainstTheLogWithTheKeptKey() throws Exception {
    Path key = dir.resolve("audit.pub");
    ok("audit", "public-key", "--save", key.toString());
    List<Path> saved = new ArrayList<>();
    for (int n = 0; n < 9; n++) {
      register();
      Path checkpoint = dir.resolve("checkpoint-" + n + ".json");
      ok("audit", "checkpoint", "--save", checkpoint.toString());
      saved.add(checkpoint);
    }
    register();

    for (Path checkpoint : saved) {
      Result verified =
          ok(
              "audit",
              "verify",
              "--checkpoint",
              checkpoint.toString(),
              "--public-key",
              key.toString());
      assertTrue(verified.out().contains(": ok, the saved records are unchanged"), verified.out());
      assertTrue(verified.out().contains("the server's VerifyAudit: ok"), verified.out());
      ok(
          "audit",
          "verify",
          "--offline",
          "--checkpoint",
          checkpoint.toString(),
          "--public-key",
          key.toString());
    }

    // A checkpoint whose text was changed after signing: its signature no longer verifies.
    GetAuditCheckpointResponse.Builder forged = GetAuditCheckpointResponse.newBuilder();
    JsonFormat.parser().merge(Files.readString(saved.get(3)), forged);
    String[] lines = forged.getCheckpoint().split("\n");
    forged.setCheckpoint(lines[0] + "\n" + (Long.parseLong(lines[1]) + 1) + "\n" + lines[2] + "\n");
    Path forgedFile = dir.resolve("forged.json");
    Files.writeString(forgedFile, JsonFormat.printer().print(forged));
    for (String mode : List.of("--offline", "--checkpoint")) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "audit",
                  "verify",
                  "--checkpoint",
                  forgedFile.toString(),
                  "--public-key",
                  key.toString()));
      if (mode.equals("--offline")) {
        args.add("--offline");
      }
      Result refused = lockctl(args.toArray(String[]::new));
      assertEquals(1, refused.status(), refused.out());
      assertTrue(refused.err().contains("the signature does not verify"), refused.err());
    }

    Result noKey = lockctl("audit", "verify", "--offline", "--checkpoint", forgedFile.toString());
    assertEquals(2, noKey.status());
  }

  @Test
  void backupWritesTheCopyOnceAndRefusesToOverwriteIt() {
    Path copy = dir.resolve("backup.db");
    Result taken = ok("backup", copy.toString());
    assertTrue(Files.isRegularFile(copy));
    assertTrue(taken.out().contains("audit_tree_size"), taken.out());

    Result again = lockctl("backup", copy.toString());
    assertEquals(1, again.status());
    assertTrue(again.err().contains("ALREADY_EXISTS BACKUP_TARGET_EXISTS"), again.err());
  }

  @Test
  void accessKeysAreCreatedWithTheirSecretOnceListedWithoutItAndDeleted() {
    String created = ok("-o", "json", "access-keys", "create", "backup-robot").out();
    String id = field(created, "access_key_id");
    assertTrue(field(created, "secret_access_key").length() >= 20, created);

    String listed = ok("-o", "json", "access-keys", "list", "--principal", "backup-robot").out();
    assertTrue(listed.contains(id), listed);
    assertFalse(listed.contains("secret_access_key"), listed);

    ok("access-keys", "delete", id);
    assertFalse(
        ok("-o", "json", "access-keys", "list", "--principal", "backup-robot").out().contains(id));
    Result again = lockctl("access-keys", "delete", id);
    assertEquals(1, again.status());
    assertTrue(again.err().contains("NOT_FOUND ACCESS_KEY_NOT_FOUND"), again.err());
  }

  /** The string value of {@code name} in a JSON text, wherever it is. */
  private static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
    assertTrue(m.find(), () -> name + " not in " + json);
    return m.group(1);
  }

  @Test
  void watchPrintsEventsOrSaysTheServerDoesNotServeThem() throws Exception {
    String id = register().getSnapshotId();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> watching =
        CompletableFuture.supplyAsync(
            () ->
                Lockctl.run(
                    new PrintWriter(out, true),
                    new PrintWriter(err, true),
                    "--target",
                    target,
                    "-o",
                    "json",
                    "watch",
                    "--from",
                    "0"));
    try {
      int status = watching.get(10, TimeUnit.SECONDS);
      assertEquals(1, status);
      assertTrue(err.toString().contains("UNIMPLEMENTED"), err.toString());
      assertTrue(
          err.toString()
              .contains("the server does not serve lockctl.v1.AuditService/WatchLockEvents"),
          err.toString());
    } catch (TimeoutException stillStreaming) {
      assertTrue(out.toString().contains(id), "the events so far: " + out);
      watching.cancel(true);
    }
  }

  @Test
  void theCompletionScriptCoversTheSubcommands() {
    Result script = ok("generate-completion");
    assertTrue(script.out().contains("complete -F"), script.out());
    for (String command : List.of("snapshots", "locks", "rules", "audit", "backup", "watch")) {
      assertTrue(script.out().contains(command), command);
    }
  }
}
