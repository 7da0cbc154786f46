package io.lockctl.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policies shown in docs/policy.md parse, and do what the text says. */
class PolicyDocExamplesTest {
  private static final Path DOC = Path.of("..", "docs", "policy.md");

  private static List<Policy> examples() throws IOException, InvalidPolicyException {
    List<Policy> policies = new ArrayList<>();
    String text = Files.readString(DOC);
    int from = 0;
    while ((from = text.indexOf("```json\n", from)) >= 0) {
      int start = from + "```json\n".length();
      int end = text.indexOf("```", start);
      policies.add(Policy.parse(text.substring(start, end)));
      from = end + 3;
    }
    return policies;
  }

  @Test
  void bothExamplesParseAndTheAuditorOnlyReadsAndRehearses()
      throws IOException, InvalidPolicyException {
    List<Policy> policies = examples();
    assertEquals(2, policies.size());
    Policy auditor = policies.get(1);
    String principal = "spiffe://corp.example/ns/audit/sa/reviewer";
    String snapshot = Lrn.snapshot("cn-hangzhou", "s-1");
    assertTrue(
        auditor.authorize(AccessRequest.of(principal, "lockctl:GetSnapshot", snapshot)).allowed());
    assertTrue(
        auditor.authorize(AccessRequest.of(principal, "lockctl:VerifyAudit", Lrn.AUDIT)).allowed());
    assertTrue(auditor.authorize(lock(principal, snapshot, "true")).allowed());
    assertFalse(auditor.authorize(lock(principal, snapshot, "false")).allowed());
    assertFalse(
        auditor
            .authorize(AccessRequest.of(principal, "lockctl:DeleteSnapshot", snapshot))
            .allowed());
  }

  private static AccessRequest lock(String principal, String snapshot, String dryRun) {
    return new AccessRequest(
        principal,
        "lockctl:LockSnapshot",
        snapshot,
        Map.of(ConditionKey.DRY_RUN.key(), dryRun, ConditionKey.LOCK_MODE.key(), "GOVERNANCE"));
  }
}
