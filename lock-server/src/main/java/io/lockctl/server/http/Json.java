package io.lockctl.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** JSON for the HTTP APIs: strict parsing (no duplicate keys, bounded nesting) and building. */
public final class Json {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(64).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private Json() {}

  /** A new empty object. */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static ObjectNode object(String name, String value) {
    return object().put(name, value);
  }

  /**
   * The body as a JSON object; an empty body is an empty object.
   *
   * @throws MalformedRequestException if it is not one JSON object
   */
  public static ObjectNode parseObject(byte[] body) {
    if (body.length == 0) {
      return object();
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException malformed) {
      throw new MalformedRequestException("the body is not valid JSON");
    } catch (IOException impossible) {
      throw new MalformedRequestException("the body cannot be read");
    }
    if (node == null || node.isMissingNode()) {
      return object();
    }
    if (!(node instanceof ObjectNode object)) {
      throw new MalformedRequestException("the body must be a JSON object");
    }
    return object;
  }
}
