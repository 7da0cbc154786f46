package io.lockctl.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every way a policy document can be wrong, and the message that says where. */
class PolicyValidationTest {

  /** JSON written with single quotes, for legibility. */
  static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /** A valid statement with {@code extra} fields added or replacing its own (by a later key). */
  private static String statement(String fields) {
    return "{'statements': [{" + fields + "}]}";
  }

  private static final String VALID =
      "'effect': 'ALLOW', 'principals': ['*'], 'actions': ['lockctl:Get*'],"
          + " 'resources': ['*']";

  private static String problems(String singleQuotedJson) {
    InvalidPolicyException e =
        assertThrows(InvalidPolicyException.class, () -> Policy.parse(json(singleQuotedJson)));
    assertTrue(e.getMessage().startsWith("policy: "), e.getMessage());
    return e.getMessage().substring("policy: ".length());
  }

  private static void rejects(String expected, String singleQuotedJson) {
    assertEquals(json(expected), problems(singleQuotedJson));
  }

  @Test
  void aValidStatementParses() throws InvalidPolicyException {
    Policy policy = Policy.parse(json(statement(VALID)));
    assertEquals(1, policy.statements().size());
    assertEquals(0, Policy.parse(json("{'statements': []}")).statements().size());
  }

  @Test
  void invalidJsonSaysWhere() {
    String message = problems("{'statements': [}");
    assertTrue(message.startsWith("not valid JSON at line 1, column 17: "), message);
    assertTrue(problems("{'statements': []} trailing").startsWith("not valid JSON"));
    assertTrue(problems("{'statements': []").startsWith("not valid JSON"));
    String duplicate = problems("{'statements': [], 'statements': []}");
    assertTrue(duplicate.contains("Duplicate field 'statements'"), duplicate);
    assertTrue(problems("{'statements': [/* no */]}").startsWith("not valid JSON"));
  }

  @Test
  void theDocumentMustBeAnObjectWithStatements() {
    rejects("the document is empty; it must be an object with a 'statements' list", "");
    rejects("the document must be an object with a 'statements' list, not a list", "[]");
    rejects("missing 'statements'", "{}");
    rejects("'statements' must be a list of statements, not an object", "{'statements': {}}");
    rejects(
        "unknown top-level field 'Version' (the only one is 'statements')",
        "{'Version': '2012-10-17', 'statements': []}");
    rejects("statements[0] must be an object, not a string", "{'statements': ['x']}");
  }

  @Test
  void unknownStatementFieldsAreErrors() {
    rejects(
        "statements[0]: unknown field 'Effect' (known: sid, effect, principals, not_principals,"
            + " actions, resources, conditions)",
        statement(VALID + ", 'Effect': 'ALLOW'"));
  }

  @Test
  void sidsAreShortNamesAndUnique() {
    rejects(
        "statements[0]: 'sid' must be 1-128 characters of A-Z, a-z, 0-9, '.', '_' and '-', not 'a b'",
        statement("'sid': 'a b', " + VALID));
    rejects(
        "statements[0]: 'sid' must be 1-128 characters of A-Z, a-z, 0-9, '.', '_' and '-', not a number",
        statement("'sid': 7, " + VALID));
    rejects(
        "statements[0]: 'sid' must be 1-128 characters of A-Z, a-z, 0-9, '.', '_' and '-', not ''",
        statement("'sid': '', " + VALID));
    rejects(
        "statements[2] (sid 'a'): duplicate sid, statements[0] has it too",
        "{'statements': [{'sid': 'a', "
            + VALID
            + "}, {'sid': 'b', "
            + VALID
            + "}, {'sid': 'a', "
            + VALID
            + "}]}");
  }

  @Test
  void effectIsAllowOrDeny() {
    rejects(
        "statements[0] (sid 's'): missing 'effect' ('ALLOW' or 'DENY')",
        statement("'sid': 's', 'principals': ['*'], 'actions': ['lockctl:*'], 'resources': ['*']"));
    rejects(
        "statements[0]: 'effect' must be 'ALLOW' or 'DENY', not 'Allow'",
        statement(VALID + ", 'effect': 'Allow'").replace("'effect': 'ALLOW', ", ""));
    rejects(
        "statements[0]: 'effect' must be 'ALLOW' or 'DENY', not a boolean",
        statement(VALID.replace("'ALLOW'", "true")));
  }

  @Test
  void principalsAreRequiredAndNotPrincipalsNarrowThem() {
    rejects(
        "statements[0]: missing 'principals' (['*'] means every caller; 'not_principals' makes"
            + " exceptions)",
        statement(
            "'effect': 'DENY', 'not_principals': ['admin'], 'actions': ['lockctl:*'],"
                + " 'resources': ['*']"));
    rejects(
        "statements[0]: 'principals' must not be empty",
        statement(VALID.replace("['*'], 'actions'", "[], 'actions'")));
    rejects(
        "statements[0]: 'not_principals' must be a list of strings, not an object",
        statement(VALID + ", 'not_principals': {}"));
  }

  @Test
  void listsHoldNonEmptyStrings() {
    rejects(
        "statements[0]: 'actions' must be a list of strings, not a string (write"
            + " ['lockctl:GetSnapshot'])",
        statement(VALID.replace("['lockctl:Get*']", "'lockctl:GetSnapshot'")));
    rejects(
        "statements[0]: actions[1] must be a string, not a number",
        statement(VALID.replace("['lockctl:Get*']", "['lockctl:Get*', 3]")));
    rejects(
        "statements[0]: principals[0] must be a string, not null",
        statement(VALID.replace("'principals': ['*']", "'principals': [null]")));
    rejects(
        "statements[0]: principals[0] must not be empty",
        statement(VALID.replace("'principals': ['*']", "'principals': ['']")));
    rejects(
        "statements[0]: principals[0] 'a\\u000ab' has a control character",
        statement(VALID.replace("'principals': ['*']", "'principals': ['a\\nb']")));
  }

  @Test
  void actionsAndResourcesAreRequiredAndNotEmpty() {
    rejects(
        "statements[0]: missing 'actions'",
        statement("'effect': 'ALLOW', 'principals': ['*'], 'resources': ['*']"));
    rejects(
        "statements[0]: 'actions' must not be empty",
        statement(VALID.replace("['lockctl:Get*']", "[]")));
    rejects(
        "statements[0]: missing 'resources'",
        statement("'effect': 'ALLOW', 'principals': ['*'], 'actions': ['lockctl:*']"));
    rejects(
        "statements[0]: 'resources' must not be empty",
        statement(VALID.replace("'resources': ['*']", "'resources': []")));
  }

  @Test
  void actionsAreLockctlPatterns() {
    for (String bad : List.of("ecs:LockSnapshot", "*", "lockctl:", "lockctl:Lock Snapshot")) {
      rejects(
          "statements[0]: actions[0] '"
              + bad
              + "' is not 'lockctl:' followed by an action name or pattern (letters, digits, *"
              + " and ?)",
          statement(VALID.replace("lockctl:Get*", bad)));
    }
  }

  @Test
  void resourcesThatCanNeverMatchAreErrors() {
    rejects(
        "statements[0]: resources[0] 'acs:ecs:*:*:snapshot/*' can never match: resource names"
            + " start with 'lrn:lockctl:'",
        statement(VALID.replace("'resources': ['*']", "'resources': ['acs:ecs:*:*:snapshot/*']")));
    rejects(
        "statements[0]: resources[1] 'lrn:lockctl' can never match: resource names start with"
            + " 'lrn:lockctl:'",
        statement(VALID.replace("'resources': ['*']", "'resources': ['*', 'lrn:lockctl']")));
  }

  @Test
  void resourcePatternsThatCouldMatchAreAccepted() throws InvalidPolicyException {
    for (String good :
        List.of("lrn:*", "lrn:lockct?:*", "lrn:lockctl::audit", "lrn:lockctl:*:snapshot/s-?*")) {
      Policy.parse(
          json(statement(VALID.replace("'resources': ['*']", "'resources': ['" + good + "']"))));
    }
  }

  @Test
  void conditionsUseKnownKeysAndValues() {
    rejects(
        "statements[0]: 'conditions' must be an object of condition keys to lists of values, not a"
            + " list",
        statement(VALID + ", 'conditions': []"));
    rejects(
        "statements[0]: unknown condition key 'lockctl:Region' (known:"
            + " lockctl:LockMode, lockctl:DryRun)",
        statement(VALID + ", 'conditions': {'lockctl:Region': ['cn-hangzhou']}"));
    rejects(
        "statements[0]: conditions.'lockctl:LockMode'[1] 'governance' is not one of COMPLIANCE,"
            + " GOVERNANCE, KEY",
        statement(VALID + ", 'conditions': {'lockctl:LockMode': ['KEY', 'governance']}"));
    rejects(
        "statements[0]: conditions.'lockctl:DryRun'[0] must be a string, not a boolean",
        statement(VALID + ", 'conditions': {'lockctl:DryRun': [true]}"));
    rejects(
        "statements[0]: conditions.'lockctl:DryRun' must not be empty",
        statement(VALID + ", 'conditions': {'lockctl:DryRun': []}"));
    rejects(
        "statements[0]: conditions.'lockctl:DryRun' must be a list of strings, not a string"
            + " (write ['true'])",
        statement(VALID + ", 'conditions': {'lockctl:DryRun': 'true'}"));
  }

  @Test
  void everyProblemIsReportedWithItsStatement() {
    rejects(
        "statements[0] (sid 'one'): missing 'effect' ('ALLOW' or 'DENY'); statements[1] (sid"
            + " 'two'): actions[0] 'Get*' is not 'lockctl:' followed by an action name or pattern"
            + " (letters, digits, * and ?)",
        "{'statements': [{'sid': 'one', 'principals': ['*'], 'actions': ['lockctl:*'],"
            + " 'resources': ['*']}, {'sid': 'two', "
            + VALID.replace("lockctl:Get*", "Get*")
            + "}]}");
  }

  @Test
  void aThousandProblemsMakeOneShortLine() {
    StringBuilder document = new StringBuilder("{'statements': [");
    for (int i = 0; i < 1000; i++) {
      document.append(i == 0 ? "" : ", ").append("{}");
    }
    String message = problems(document.append("]}").toString());
    assertTrue(message.endsWith("; and 3980 more"), message);
    assertTrue(message.length() < 2000, message);
  }

  @Test
  void aDocumentOverOneMebibyteIsRefusedUnread() {
    byte[] large = new byte[PolicyParser.MAX_BYTES + 1];
    java.util.Arrays.fill(large, (byte) ' ');
    InvalidPolicyException e =
        assertThrows(InvalidPolicyException.class, () -> Policy.parse(large));
    assertEquals(
        "policy: it is 1048577 bytes, more than the 1048576 (1 MiB) a policy may have",
        e.getMessage());
    byte[] justFits =
        (json("{'statements': []}") + " ".repeat(PolicyParser.MAX_BYTES - 18))
            .getBytes(StandardCharsets.UTF_8);
    assertEquals(PolicyParser.MAX_BYTES, justFits.length);
    assertEquals(0, assertDoesNotThrowParse(justFits).statements().size());
  }

  private static Policy assertDoesNotThrowParse(byte[] json) {
    try {
      return Policy.parse(json);
    } catch (InvalidPolicyException e) {
      throw new AssertionError(e);
    }
  }
}
