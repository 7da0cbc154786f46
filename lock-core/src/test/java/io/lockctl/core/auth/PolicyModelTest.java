package io.lockctl.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.auth.AccessDecision.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random policies and requests, each decided by {@link Policy} and by a model written here without
 * its tricks: regex matching, a loop over every statement in document order, no index by action.
 * They must agree on the outcome and on the statement that decided. The seed is random per run and
 * printed with any failure; {@code -Dlockctl.policy.seed=N} replays it.
 */
class PolicyModelTest {
  private static final int POLICIES = 2_500;
  private static final int REQUESTS_PER_POLICY = 10;

  private static final List<String> PRINCIPALS =
      List.of(
          "spiffe://corp/ns/backup/sa/writer",
          "spiffe://corp/ns/backup/sa/reader",
          "spiffe://corp/ns/sec/admin",
          "alice",
          "al",
          "anonymous",
          "a*b?");
  private static final List<String> RPCS =
      List.of(
          "LockSnapshot",
          "UnlockSnapshot",
          "GetSnapshot",
          "GetRule",
          "ListSnapshots",
          "ListRules",
          "DescribeLockedSnapshots",
          "AcceptClock",
          "Lock");
  private static final String PREFIX = "lrn:lockctl:";
  private static final List<String> RESOURCES =
      List.of(
          PREFIX + "cn-hangzhou:snapshot/s-1",
          PREFIX + "cn-hangzhou:snapshot/*",
          PREFIX + "us-east-1:snapshot/s-12",
          PREFIX + "cn-hangzhou:rule/r1",
          PREFIX + "*:target-relationship/*",
          PREFIX + "eu:target-relationship/u-1",
          PREFIX + ":lock-key/lk-1",
          PREFIX + ":audit");
  private static final Map<String, List<String>> CONDITION_VALUES =
      Map.of(
          "lockctl:LockMode", List.of("COMPLIANCE", "GOVERNANCE", "KEY"),
          "lockctl:DryRun", List.of("true", "false"));
  private static final List<String> CONDITION_KEYS = List.of("lockctl:LockMode", "lockctl:DryRun");

  private record Statement(
      String sid,
      boolean deny,
      List<String> principals,
      List<String> notPrincipals,
      List<String> actions,
      List<String> resources,
      Map<String, List<String>> conditions) {}

  private record Expected(Outcome outcome, int index) {}

  @Test
  void agreesWithANaiveModelOnRandomPoliciesAndRequests() throws InvalidPolicyException {
    long seed = Long.getLong("lockctl.policy.seed", new Random().nextLong());
    Random random = new Random(seed);
    int pairs = 0;
    int[] outcomes = new int[Outcome.values().length];
    for (int p = 0; p < POLICIES; p++) {
      List<Statement> statements = randomStatements(random);
      String json = toJson(statements);
      Policy policy = Policy.parse(json);
      for (int q = 0; q < REQUESTS_PER_POLICY; q++) {
        AccessRequest request = randomRequest(random);
        Expected expected = model(statements, request);
        AccessDecision actual = policy.authorize(request);
        String context =
            "seed "
                + seed
                + " (replay with -Dlockctl.policy.seed="
                + seed
                + "), policy "
                + json
                + ", request "
                + request;
        assertEquals(expected.outcome(), actual.outcome(), context);
        assertEquals(expected.index(), actual.statementIndex().orElse(-1), context);
        outcomes[expected.outcome().ordinal()]++;
        pairs++;
      }
    }
    assertTrue(pairs >= 20_000);
    // the generator must exercise every outcome, or the comparison proves little
    for (Outcome outcome : Outcome.values()) {
      assertTrue(
          outcomes[outcome.ordinal()] > pairs / 50,
          () ->
              outcome
                  + " too rare: "
                  + java.util.Arrays.toString(outcomes)
                  + " (seed "
                  + seed
                  + ")");
    }
  }

  // --- the model

  private static Expected model(List<Statement> statements, AccessRequest request) {
    int firstAllow = -1;
    for (int i = 0; i < statements.size(); i++) {
      Statement statement = statements.get(i);
      if (applies(statement, request)) {
        if (statement.deny()) {
          return new Expected(Outcome.EXPLICITLY_DENIED, i);
        }
        if (firstAllow < 0) {
          firstAllow = i;
        }
      }
    }
    return firstAllow < 0
        ? new Expected(Outcome.IMPLICITLY_DENIED, -1)
        : new Expected(Outcome.ALLOWED, firstAllow);
  }

  private static boolean applies(Statement statement, AccessRequest request) {
    if (!anyMatches(statement.principals(), request.principal())
        || anyMatches(statement.notPrincipals(), request.principal())
        || !anyMatches(statement.actions(), request.action())
        || !anyMatches(statement.resources(), request.resource())) {
      return false;
    }
    for (Map.Entry<String, List<String>> condition : statement.conditions().entrySet()) {
      String value = request.conditions().get(condition.getKey());
      if (value == null || !condition.getValue().contains(value)) {
        return false;
      }
    }
    return true;
  }

  /** Compiling a regex per test would dominate the run time; the model's regexes are cached. */
  private static final Map<String, Pattern> REGEXES = new HashMap<>();

  private static boolean anyMatches(List<String> patterns, String text) {
    for (String pattern : patterns) {
      if (REGEXES.computeIfAbsent(pattern, RegexGlob::compile).matcher(text).matches()) {
        return true;
      }
    }
    return false;
  }

  // --- random policies and requests

  private static List<Statement> randomStatements(Random random) {
    int count = random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(6);
    List<Statement> statements = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, List<String>> conditions = new LinkedHashMap<>();
      for (String key : CONDITION_KEYS) {
        if (random.nextInt(10) < 3) {
          conditions.put(key, someOf(random, CONDITION_VALUES.get(key)));
        }
      }
      statements.add(
          new Statement(
              random.nextInt(10) < 7 ? "s" + i : "",
              random.nextInt(10) < 3,
              patterns(random, 1, () -> principalPattern(random)),
              random.nextBoolean()
                  ? List.of()
                  : patterns(random, 1, () -> principalPattern(random)),
              patterns(random, 1, () -> actionPattern(random)),
              patterns(random, 1, () -> resourcePattern(random)),
              conditions));
    }
    return statements;
  }

  private static List<String> patterns(
      Random random, int min, java.util.function.Supplier<String> pattern) {
    int count = min + random.nextInt(3);
    List<String> patterns = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      patterns.add(pattern.get());
    }
    return patterns;
  }

  private static List<String> someOf(Random random, List<String> values) {
    List<String> some = new ArrayList<>();
    for (String value : values) {
      if (random.nextBoolean()) {
        some.add(value);
      }
    }
    return some.isEmpty() ? List.of(values.get(random.nextInt(values.size()))) : some;
  }

  private static String principalPattern(Random random) {
    int kind = random.nextInt(10);
    String principal = PRINCIPALS.get(random.nextInt(PRINCIPALS.size()));
    if (kind < 3) {
      return "*";
    }
    String pattern = kind < 7 ? mutate(random, principal, 0) : principal;
    return pattern.isEmpty() ? "*" : pattern;
  }

  private static String actionPattern(Random random) {
    int kind = random.nextInt(10);
    if (kind < 3) {
      return "lockctl:*";
    }
    String rpc = RPCS.get(random.nextInt(RPCS.size()));
    String name = kind < 7 ? mutate(random, rpc, 0) : rpc;
    return "lockctl:" + (name.isEmpty() ? "*" : name);
  }

  private static String resourcePattern(Random random) {
    int kind = random.nextInt(10);
    if (kind < 3) {
      return "*";
    }
    String resource = RESOURCES.get(random.nextInt(RESOURCES.size()));
    String pattern = kind < 7 ? mutate(random, resource, PREFIX.length()) : resource;
    return pattern.isEmpty() ? "*" : pattern;
  }

  /**
   * {@code text} with one to three edits: a character becomes {@code ?}, a run (maybe empty)
   * becomes {@code *}, or a character at or after {@code keepFrom} becomes another letter (so that
   * some patterns miss).
   */
  private static String mutate(Random random, String text, int keepFrom) {
    StringBuilder pattern = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && pattern.length() > 0; e++) {
      int at = random.nextInt(pattern.length());
      switch (random.nextInt(3)) {
        case 0 -> pattern.setCharAt(at, '?');
        case 1 -> {
          int end = at + random.nextInt(Math.min(6, pattern.length() - at) + 1);
          pattern.replace(at, end, "*");
        }
        default -> {
          if (at >= keepFrom) {
            pattern.setCharAt(at, "abxyzK".charAt(random.nextInt(6)));
          }
        }
      }
    }
    return pattern.toString();
  }

  private static AccessRequest randomRequest(Random random) {
    String principal =
        random.nextInt(10) == 0
            ? mutate(random, PRINCIPALS.get(random.nextInt(PRINCIPALS.size())), 0)
            : PRINCIPALS.get(random.nextInt(PRINCIPALS.size()));
    Map<String, String> conditions = new LinkedHashMap<>();
    if (random.nextInt(10) < 6) {
      List<String> modes = List.of("COMPLIANCE", "GOVERNANCE", "KEY", "governance");
      conditions.put("lockctl:LockMode", modes.get(random.nextInt(modes.size())));
    }
    if (random.nextInt(10) < 6) {
      conditions.put("lockctl:DryRun", random.nextBoolean() ? "true" : "false");
    }
    return new AccessRequest(
        principal,
        "lockctl:" + RPCS.get(random.nextInt(RPCS.size())),
        RESOURCES.get(random.nextInt(RESOURCES.size())),
        conditions);
  }

  // --- JSON, written by hand so that the test shares no code with the parser

  private static String toJson(List<Statement> statements) {
    StringBuilder json = new StringBuilder("{\"statements\": [");
    for (int i = 0; i < statements.size(); i++) {
      Statement s = statements.get(i);
      json.append(i == 0 ? "" : ", ").append('{');
      if (!s.sid().isEmpty()) {
        json.append("\"sid\": ").append(string(s.sid())).append(", ");
      }
      json.append("\"effect\": ").append(s.deny() ? "\"DENY\"" : "\"ALLOW\"");
      json.append(", \"principals\": ").append(list(s.principals()));
      if (!s.notPrincipals().isEmpty()) {
        json.append(", \"not_principals\": ").append(list(s.notPrincipals()));
      }
      json.append(", \"actions\": ").append(list(s.actions()));
      json.append(", \"resources\": ").append(list(s.resources()));
      if (!s.conditions().isEmpty()) {
        json.append(", \"conditions\": {");
        boolean first = true;
        for (Map.Entry<String, List<String>> condition : s.conditions().entrySet()) {
          json.append(first ? "" : ", ")
              .append(string(condition.getKey()))
              .append(": ")
              .append(list(condition.getValue()));
          first = false;
        }
        json.append('}');
      }
      json.append('}');
    }
    return json.append("]}").toString();
  }

  private static String list(List<String> values) {
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      json.append(i == 0 ? "" : ", ").append(string(values.get(i)));
    }
    return json.append(']').toString();
  }

  private static String string(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
