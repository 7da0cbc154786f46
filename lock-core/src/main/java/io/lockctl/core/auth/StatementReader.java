package io.lockctl.core.auth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads and validates one statement of a policy document, adding what is wrong with it to the
 * problems shared by the whole document.
 */
final class StatementReader {
  private static final String SID = "sid";
  private static final String EFFECT = "effect";
  private static final String PRINCIPALS = "principals";
  private static final String NOT_PRINCIPALS = "not_principals";
  private static final String ACTIONS = "actions";
  private static final String RESOURCES = "resources";
  private static final String CONDITIONS = "conditions";
  private static final List<String> STATEMENT_FIELDS =
      List.of(SID, EFFECT, PRINCIPALS, NOT_PRINCIPALS, ACTIONS, RESOURCES, CONDITIONS);

  private static final Pattern SID_FORM = Pattern.compile("[A-Za-z0-9._-]{1,128}");
  private static final Pattern ACTION_FORM = Pattern.compile("lockctl:[A-Za-z0-9*?]+");

  private final JsonNode node;
  private final List<String> problems;
  private final int problemsBefore;
  private final String sid;
  private final String where;

  StatementReader(int index, JsonNode node, List<String> problems) {
    this.node = node;
    this.problems = problems;
    this.problemsBefore = problems.size();
    JsonNode sidNode = node.isObject() ? node.get(SID) : null;
    this.sid =
        sidNode != null && sidNode.isTextual() && SID_FORM.matcher(sidNode.textValue()).matches()
            ? sidNode.textValue()
            : "";
    this.where =
        "statements["
            + index
            + "]"
            + (sid.isEmpty() ? "" : " (sid " + PolicyParser.quote(sid) + ")");
  }

  /** The statement's sid when it has a valid one, else empty. */
  String sid() {
    return sid;
  }

  /** How messages name the statement: {@code statements[2] (sid "x")}. */
  String where() {
    return where;
  }

  /** The statement, or null when it has a problem. */
  PolicyStatement read() {
    if (!node.isObject()) {
      problems.add(where + " must be an object, not " + PolicyParser.kind(node));
      return null;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!STATEMENT_FIELDS.contains(field.getKey())) {
        problems.add(
            where
                + ": unknown field "
                + PolicyParser.quote(field.getKey())
                + " (known: "
                + String.join(", ", STATEMENT_FIELDS)
                + ")");
      }
    }
    checkSid();
    Effect effect = effect();
    List<String> principals =
        patterns(
            PRINCIPALS, true, " ([\"*\"] means every caller; \"not_principals\" makes exceptions)");
    List<String> notPrincipals = patterns(NOT_PRINCIPALS, false, "");
    List<String> actions = patterns(ACTIONS, true, "");
    for (int j = 0; j < actions.size(); j++) {
      if (!ACTION_FORM.matcher(actions.get(j)).matches()) {
        problems.add(
            where
                + ": actions["
                + j
                + "] "
                + PolicyParser.quote(actions.get(j))
                + " is not \"lockctl:\" followed by an action name or pattern"
                + " (letters, digits, * and ?)");
      }
    }
    List<String> resources = patterns(RESOURCES, true, "");
    for (int j = 0; j < resources.size(); j++) {
      if (!canNameLockctlResource(resources.get(j))) {
        problems.add(
            where
                + ": resources["
                + j
                + "] "
                + PolicyParser.quote(resources.get(j))
                + " can never match: resource names start with \""
                + PolicyParser.RESOURCE_PREFIX
                + "\"");
      }
    }
    Map<ConditionKey, List<String>> conditions = conditions();
    if (problems.size() > problemsBefore) {
      return null;
    }
    return new PolicyStatement(
        sid, effect, principals, notPrincipals, actions, resources, conditions);
  }

  private void checkSid() {
    JsonNode value = node.get(SID);
    if (value != null && sid.isEmpty()) {
      problems.add(
          where
              + ": \"sid\" must be 1-128 characters of A-Z, a-z, 0-9, \".\", \"_\" and \"-\", not "
              + describe(value));
    }
  }

  private Effect effect() {
    JsonNode value = node.get(EFFECT);
    if (value == null) {
      problems.add(where + ": missing \"effect\" (\"ALLOW\" or \"DENY\")");
      return Effect.DENY;
    }
    if (value.isTextual()) {
      for (Effect effect : Effect.values()) {
        if (effect.name().equals(value.textValue())) {
          return effect;
        }
      }
    }
    problems.add(where + ": \"effect\" must be \"ALLOW\" or \"DENY\", not " + describe(value));
    return Effect.DENY;
  }

  /** A list of non-empty strings; missing is empty unless {@code required}. */
  private List<String> patterns(String field, boolean required, String hint) {
    JsonNode value = node.get(field);
    if (value == null) {
      if (required) {
        problems.add(where + ": missing " + PolicyParser.quote(field) + hint);
      }
      return List.of();
    }
    return strings(PolicyParser.quote(field), field, value, required);
  }

  /**
   * The strings of the list {@code value}; {@code label} names the list in messages and {@code
   * memberLabel} its members (as {@code memberLabel[j]}).
   */
  private List<String> strings(
      String label, String memberLabel, JsonNode value, boolean mustHaveOne) {
    if (!value.isArray()) {
      String hint =
          value.isTextual() ? " (write [" + PolicyParser.quote(value.textValue()) + "])" : "";
      problems.add(
          where
              + ": "
              + label
              + " must be a list of strings, not "
              + PolicyParser.kind(value)
              + hint);
      return List.of();
    }
    if (mustHaveOne && value.isEmpty()) {
      problems.add(where + ": " + label + " must not be empty");
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    for (int j = 0; j < value.size(); j++) {
      JsonNode member = value.get(j);
      String name = memberLabel + "[" + j + "]";
      if (!member.isTextual()) {
        problems.add(where + ": " + name + " must be a string, not " + PolicyParser.kind(member));
      } else if (member.textValue().isEmpty()) {
        problems.add(where + ": " + name + " must not be empty");
      } else if (hasControlCharacter(member.textValue())) {
        problems.add(
            where
                + ": "
                + name
                + " "
                + PolicyParser.quote(member.textValue())
                + " has a control character");
      } else {
        strings.add(member.textValue());
      }
    }
    return strings;
  }

  private Map<ConditionKey, List<String>> conditions() {
    JsonNode value = node.get(CONDITIONS);
    if (value == null) {
      return Map.of();
    }
    if (!value.isObject()) {
      problems.add(
          where
              + ": \"conditions\" must be an object of condition keys to lists of values, not "
              + PolicyParser.kind(value));
      return Map.of();
    }
    Map<ConditionKey, List<String>> conditions = new EnumMap<>(ConditionKey.class);
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      ConditionKey key = ConditionKey.byKey(entry.getKey());
      if (key == null) {
        problems.add(
            where
                + ": unknown condition key "
                + PolicyParser.quote(entry.getKey())
                + " (known: "
                + knownConditionKeys()
                + ")");
        continue;
      }
      String label = "conditions." + PolicyParser.quote(key.key());
      List<String> values = strings(label, label, entry.getValue(), true);
      for (int j = 0; j < values.size(); j++) {
        if (!key.allowedValues().contains(values.get(j))) {
          problems.add(
              where
                  + ": "
                  + label
                  + "["
                  + j
                  + "] "
                  + PolicyParser.quote(values.get(j))
                  + " is not one of "
                  + String.join(", ", key.allowedValues()));
        }
      }
      conditions.put(key, values);
    }
    return conditions;
  }

  /**
   * Whether a resource pattern could match a name of lockctl's: the part before its first wildcard
   * must agree with {@code lrn:lockctl:}, so that a name from another cloud's syntax ({@code
   * acs:ecs:...}, {@code arn:aws:...}) is an error, not a statement that never applies.
   */
  private static boolean canNameLockctlResource(String pattern) {
    int wildcard = firstWildcard(pattern);
    String literalStart = wildcard < 0 ? pattern : pattern.substring(0, wildcard);
    return literalStart.startsWith(PolicyParser.RESOURCE_PREFIX)
        || (wildcard >= 0 && PolicyParser.RESOURCE_PREFIX.startsWith(literalStart));
  }

  private static int firstWildcard(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?') {
        return i;
      }
    }
    return -1;
  }

  private static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static String knownConditionKeys() {
    List<String> keys = new ArrayList<>();
    for (ConditionKey key : ConditionKey.values()) {
      keys.add(key.key());
    }
    return String.join(", ", keys);
  }

  private static String describe(JsonNode value) {
    return value.isTextual() ? PolicyParser.quote(value.textValue()) : PolicyParser.kind(value);
  }
}
