package io.lockctl.core.auth;

import static io.lockctl.core.auth.PolicyValidationTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.auth.AccessDecision.Outcome;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class PolicyEvaluationTest {
  private static final String BACKUP = "spiffe://corp.example/ns/backup/sa/snapshotter";
  private static final String ADMIN = "spiffe://corp.example/ns/sec/admin";
  private static final String REGION = "cn-hangzhou";
  private static final String SNAPSHOT = Lrn.snapshot(REGION, "s-0123456789abcdefghij");

  /** The example policy of lockctl's contract, plus an ALLOW for the admin to unlock. */
  static final String EXAMPLE =
      json(
          "{'statements': ["
              + "{'sid': 'backup-writer', 'effect': 'ALLOW',"
              + " 'principals': ['spiffe://corp.example/ns/backup/*'],"
              + " 'actions': ['lockctl:RegisterSnapshot', 'lockctl:LockSnapshot', 'lockctl:Get*',"
              + " 'lockctl:List*', 'lockctl:Describe*'],"
              + " 'resources': ['lrn:lockctl:cn-hangzhou:snapshot/*']},"
              + "{'sid': 'only-admins-lift-governance', 'effect': 'DENY',"
              + " 'principals': ['*'], 'not_principals': ['spiffe://corp.example/ns/sec/admin'],"
              + " 'actions': ['lockctl:UnlockSnapshot'], 'resources': ['*'],"
              + " 'conditions': {'lockctl:LockMode': ['GOVERNANCE']}},"
              + "{'sid': 'everyone-unlocks', 'effect': 'ALLOW', 'principals': ['*'],"
              + " 'actions': ['lockctl:UnlockSnapshot'], 'resources': ['*']}"
              + "]}");

  private static Policy policy(String singleQuoted) throws InvalidPolicyException {
    return Policy.parse(json(singleQuoted));
  }

  private static AccessRequest request(String principal, String rpc, String resource) {
    return AccessRequest.of(principal, Actions.forRpc(rpc), resource);
  }

  private static AccessRequest unlock(String principal, String mode) {
    return new AccessRequest(
        principal,
        Actions.forRpc("UnlockSnapshot"),
        SNAPSHOT,
        Map.of(ConditionKey.LOCK_MODE.key(), mode, ConditionKey.DRY_RUN.key(), "false"));
  }

  @Test
  void theExamplePolicyLetsTheBackupWriterLockAndRead() throws InvalidPolicyException {
    Policy policy = Policy.parse(EXAMPLE);
    AccessDecision lock = policy.authorize(request(BACKUP, "LockSnapshot", SNAPSHOT));
    assertTrue(lock.allowed());
    assertEquals("statement \"backup-writer\"", lock.decidedBy());
    assertEquals(OptionalInt.of(0), lock.statementIndex());
    assertTrue(policy.authorize(request(BACKUP, "GetSnapshot", SNAPSHOT)).allowed());
    assertTrue(policy.authorize(request(BACKUP, "ListSnapshots", Lrn.snapshots(REGION))).allowed());
    assertTrue(
        policy
            .authorize(request(BACKUP, "DescribeLockedSnapshots", Lrn.snapshots(REGION)))
            .allowed());

    AccessDecision elsewhere =
        policy.authorize(request(BACKUP, "LockSnapshot", Lrn.snapshot("us-east-1", "s-1")));
    assertEquals(Outcome.IMPLICITLY_DENIED, elsewhere.outcome());
    assertEquals("no statement allowed it", elsewhere.decidedBy());
    assertEquals(OptionalInt.empty(), elsewhere.statementIndex());
    assertFalse(policy.authorize(request(BACKUP, "DeleteSnapshot", SNAPSHOT)).allowed());
    assertFalse(
        policy
            .authorize(request("spiffe://corp.example/ns/other/sa/x", "GetSnapshot", SNAPSHOT))
            .allowed());
  }

  @Test
  void anExplicitDenyWinsOverAnAllowWhateverTheOrder() throws InvalidPolicyException {
    Policy policy = Policy.parse(EXAMPLE);
    AccessDecision denied = policy.authorize(unlock(BACKUP, "GOVERNANCE"));
    assertEquals(Outcome.EXPLICITLY_DENIED, denied.outcome());
    assertEquals("only-admins-lift-governance", denied.sid().orElseThrow());
    assertEquals(OptionalInt.of(1), denied.statementIndex());

    Policy denyLast =
        policy(
            "{'statements': [{'effect': 'ALLOW', 'principals': ['*'], 'actions': ['lockctl:*'],"
                + " 'resources': ['*']}, {'effect': 'DENY', 'principals': ['mallory'],"
                + " 'actions': ['lockctl:Delete*'], 'resources': ['*']}]}");
    AccessDecision decision = denyLast.authorize(request("mallory", "DeleteSnapshot", SNAPSHOT));
    assertEquals(Outcome.EXPLICITLY_DENIED, decision.outcome());
    assertEquals("statements[1]", decision.decidedBy());
    assertTrue(denyLast.authorize(request("alice", "DeleteSnapshot", SNAPSHOT)).allowed());
    assertTrue(denyLast.authorize(request("mallory", "GetSnapshot", SNAPSHOT)).allowed());
  }

  @Test
  void theFirstApplicableDenyInTheDocumentDecides() throws InvalidPolicyException {
    Policy policy =
        policy(
            "{'statements': [{'sid': 'a', 'effect': 'ALLOW', 'principals': ['*'],"
                + " 'actions': ['lockctl:*'], 'resources': ['*']},"
                + " {'sid': 'b', 'effect': 'DENY', 'principals': ['*'],"
                + " 'actions': ['lockctl:*'], 'resources': ['*']},"
                + " {'sid': 'c', 'effect': 'DENY', 'principals': ['*'],"
                + " 'actions': ['lockctl:*'], 'resources': ['*']}]}");
    assertEquals(
        "b", policy.authorize(request("x", "GetRule", "lrn:lockctl:r:rule/1")).sid().orElseThrow());
  }

  @Test
  void notPrincipalsExemptCallersFromAStatement() throws InvalidPolicyException {
    Policy policy = Policy.parse(EXAMPLE);
    AccessDecision admin = policy.authorize(unlock(ADMIN, "GOVERNANCE"));
    assertTrue(admin.allowed());
    assertEquals("statement \"everyone-unlocks\"", admin.decidedBy());

    Policy patterns =
        policy(
            "{'statements': [{'effect': 'ALLOW', 'principals': ['team-*'],"
                + " 'not_principals': ['team-b?', 'team-c'], 'actions': ['lockctl:*'],"
                + " 'resources': ['*']}]}");
    assertTrue(patterns.authorize(request("team-a", "GetRule", "lrn:lockctl:r:rule/1")).allowed());
    assertTrue(patterns.authorize(request("team-b", "GetRule", "lrn:lockctl:r:rule/1")).allowed());
    assertFalse(
        patterns.authorize(request("team-b1", "GetRule", "lrn:lockctl:r:rule/1")).allowed());
    assertFalse(patterns.authorize(request("team-c", "GetRule", "lrn:lockctl:r:rule/1")).allowed());
    assertTrue(patterns.authorize(request("team-cc", "GetRule", "lrn:lockctl:r:rule/1")).allowed());
  }

  @Test
  void conditionsHoldOnlyForAListedValueThatTheRequestCarries() throws InvalidPolicyException {
    Policy policy = Policy.parse(EXAMPLE);
    assertEquals(
        Outcome.EXPLICITLY_DENIED, policy.authorize(unlock(BACKUP, "GOVERNANCE")).outcome());
    // a mismatched value: the DENY does not apply, the later ALLOW does
    assertTrue(policy.authorize(unlock(BACKUP, "COMPLIANCE")).allowed());
    // an absent key: the condition does not hold, so the DENY does not apply either
    assertTrue(policy.authorize(request(BACKUP, "UnlockSnapshot", SNAPSHOT)).allowed());

    Policy dryRunsOnly =
        policy(
            "{'statements': [{'effect': 'ALLOW', 'principals': ['*'], 'actions': ['lockctl:*'],"
                + " 'resources': ['*'], 'conditions': {'lockctl:DryRun': ['true'],"
                + " 'lockctl:LockMode': ['GOVERNANCE', 'KEY']}}]}");
    String lock = Actions.forRpc("LockSnapshot");
    assertTrue(dryRunsOnly.authorize(context(lock, "true", "KEY")).allowed());
    assertTrue(dryRunsOnly.authorize(context(lock, "true", "GOVERNANCE")).allowed());
    assertFalse(dryRunsOnly.authorize(context(lock, "false", "KEY")).allowed());
    assertFalse(dryRunsOnly.authorize(context(lock, "true", "COMPLIANCE")).allowed());
    assertFalse(
        dryRunsOnly
            .authorize(
                new AccessRequest("x", lock, SNAPSHOT, Map.of(ConditionKey.DRY_RUN.key(), "true")))
            .allowed());
    assertFalse(dryRunsOnly.authorize(AccessRequest.of("x", lock, SNAPSHOT)).allowed());
  }

  private static AccessRequest context(String action, String dryRun, String lockMode) {
    return new AccessRequest(
        "x",
        action,
        SNAPSHOT,
        Map.of(ConditionKey.DRY_RUN.key(), dryRun, ConditionKey.LOCK_MODE.key(), lockMode));
  }

  @Test
  void wildcardsAndQuestionMarksInEveryField() throws InvalidPolicyException {
    Policy policy =
        policy(
            "{'statements': [{'effect': 'ALLOW', 'principals': ['user-?'],"
                + " 'actions': ['lockctl:Get*', 'lockctl:?nlockRule'],"
                + " 'resources': ['lrn:lockctl:*:rule/??']}]}");
    assertTrue(policy.authorize(request("user-1", "GetRule", "lrn:lockctl:eu:rule/ab")).allowed());
    assertTrue(
        policy.authorize(request("user-1", "UnlockRule", "lrn:lockctl:eu:rule/ab")).allowed());
    assertFalse(
        policy.authorize(request("user-12", "GetRule", "lrn:lockctl:eu:rule/ab")).allowed());
    assertFalse(
        policy.authorize(request("user-1", "GetRule", "lrn:lockctl:eu:rule/abc")).allowed());
    assertFalse(
        policy.authorize(request("user-1", "LockRule", "lrn:lockctl:eu:rule/ab")).allowed());
    assertFalse(
        policy
            .authorize(AccessRequest.of("user-1", "lockctl:getRule", "lrn:lockctl:eu:rule/ab"))
            .allowed());
  }

  @Test
  void collectionNamesMatchTheirPatternsLiterally() throws InvalidPolicyException {
    Policy regional =
        policy(
            "{'statements': [{'effect': 'ALLOW', 'principals': ['*'], 'actions': ['lockctl:*'],"
                + " 'resources': ['lrn:lockctl:cn-hangzhou:target-relationship/*',"
                + " 'lrn:lockctl:cn-hangzhou:snapshot/*']}]}");
    assertTrue(
        regional
            .authorize(request("x", "ListTargetRelationships", Lrn.targetRelationships(REGION)))
            .allowed());
    assertTrue(regional.authorize(request("x", "ListSnapshots", Lrn.snapshots(REGION))).allowed());
    assertFalse(
        regional
            .authorize(request("x", "ListTargetRelationships", Lrn.targetRelationships("")))
            .allowed());

    for (String everywhere : new String[] {"*", "lrn:lockctl:*:target-relationship/*"}) {
      Policy global =
          policy(
              "{'statements': [{'effect': 'ALLOW', 'principals': ['*'],"
                  + " 'actions': ['lockctl:*'], 'resources': ['"
                  + everywhere
                  + "']}]}");
      assertTrue(
          global
              .authorize(
                  request("x", "ListTargetRelationships", Lrn.TARGET_RELATIONSHIPS_IN_EVERY_REGION))
              .allowed());
      assertTrue(
          global
              .authorize(
                  request("x", "GetTargetRelationship", Lrn.targetRelationship(REGION, "u-1")))
              .allowed());
    }
    Policy onlyTheCollection =
        policy(
            "{'statements': [{'effect': 'ALLOW', 'principals': ['*'], 'actions': ['lockctl:*'],"
                + " 'resources': ['lrn:lockctl::lock-key/*']}]}");
    assertTrue(onlyTheCollection.authorize(request("x", "ListLockKeys", Lrn.LOCK_KEYS)).allowed());
  }

  @Test
  void anEmptyPolicyDeniesEverything() throws InvalidPolicyException {
    AccessDecision decision =
        policy("{'statements': []}").authorize(request("root", "GetSnapshot", SNAPSHOT));
    assertEquals(Outcome.IMPLICITLY_DENIED, decision.outcome());
  }

  @Test
  void repeatedRequestsGetTheSameDecisionObject() throws InvalidPolicyException {
    Policy policy = Policy.parse(EXAMPLE);
    AccessRequest lock = request(BACKUP, "LockSnapshot", SNAPSHOT);
    AccessDecision first = policy.authorize(lock);
    for (int i = 0; i < 10; i++) {
      assertSame(first, policy.authorize(lock));
    }
  }
}
