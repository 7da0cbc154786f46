package io.lockctl.core.auth;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lockctl.core.error.SafeText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a policy document and validates it strictly: anything it does not know is an error, since a
 * field misspelt in an authorization policy silently changes who may do what. Every problem is
 * reported, each with where it is ({@code statements[1] (sid "x"): actions[0] ...}).
 */
final class PolicyParser {
  /** The most a policy document may weigh; a policy is a page of text, not a data set. */
  static final int MAX_BYTES = 1 << 20;

  static final String RESOURCE_PREFIX = "lrn:lockctl:";

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private static final String STATEMENTS = "statements";

  private PolicyParser() {}

  /** The statements of {@code json}; {@code source} names it in the exception's message. */
  static List<PolicyStatement> parse(byte[] json, String source) throws InvalidPolicyException {
    if (json.length > MAX_BYTES) {
      throw new InvalidPolicyException(source, tooLarge(json.length));
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidPolicyException(source, notJson(e));
    } catch (IOException e) {
      throw new InvalidPolicyException(source, "cannot be read as JSON: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    List<PolicyStatement> statements = statements(root, problems);
    if (!problems.isEmpty()) {
      throw new InvalidPolicyException(source, problems);
    }
    return statements;
  }

  static String tooLarge(long size) {
    return "it is " + size + " bytes, more than the " + MAX_BYTES + " (1 MiB) a policy may have";
  }

  private static String notJson(JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String where =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return "not valid JSON" + where + ": " + e.getOriginalMessage();
  }

  private static List<PolicyStatement> statements(JsonNode root, List<String> problems) {
    if (root == null || root.isMissingNode()) {
      problems.add("the document is empty; it must be an object with a \"statements\" list");
      return List.of();
    }
    if (!root.isObject()) {
      problems.add("the document must be an object with a \"statements\" list, not " + kind(root));
      return List.of();
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      if (!field.getKey().equals(STATEMENTS)) {
        problems.add(
            "unknown top-level field "
                + quote(field.getKey())
                + " (the only one is \"statements\")");
      }
    }
    JsonNode list = root.get(STATEMENTS);
    if (list == null) {
      problems.add("missing \"statements\"");
      return List.of();
    }
    if (!list.isArray()) {
      problems.add("\"statements\" must be a list of statements, not " + kind(list));
      return List.of();
    }
    List<PolicyStatement> statements = new ArrayList<>();
    Map<String, Integer> firstWithSid = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      StatementReader reader = new StatementReader(i, list.get(i), problems);
      PolicyStatement statement = reader.read();
      String sid = reader.sid();
      if (!sid.isEmpty()) {
        Integer first = firstWithSid.putIfAbsent(sid, i);
        if (first != null) {
          problems.add(reader.where() + ": duplicate sid, statements[" + first + "] has it too");
        }
      }
      if (statement != null) {
        statements.add(statement);
      }
    }
    return statements;
  }

  /** A JSON value's type as messages name it: {@code must be a list, not a string}. */
  static String kind(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  /** A user's text in a message: quoted, escaped, and cut short so one line stays one line. */
  static String quote(String text) {
    return "\"" + SafeText.escape(text, 100, true) + "\"";
  }
}
