package io.lockctl.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server's YAML configuration file: one mapping whose keys are flag names without the dashes
 * ({@code port: 50051}, {@code data-dir: /var/lib/lockctl}, {@code insecure: true}) and whose
 * values are scalars, read as the flags' text would be.
 */
final class ConfigFile {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigFile() {}

  /** The settings {@code file} gives; a key that is not in {@code names} is a mistake. */
  static Map<String, String> read(Path file, Collection<String> names) {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException malformed) {
      throw new IllegalArgumentException(
          "--config " + file + " is not valid YAML: " + malformed.getOriginalMessage());
    } catch (IOException unreadable) {
      throw new IllegalArgumentException("cannot read --config " + file + ": " + unreadable);
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return values; // an empty file sets nothing
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          "--config " + file + " must be a mapping of flag names to values");
    }
    for (Map.Entry<String, JsonNode> entry : root.properties()) {
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      if (!names.contains(name)) {
        throw new IllegalArgumentException(
            "--config " + file + ": unknown key '" + name + "' (keys are the flag names)");
      }
      if (!value.isValueNode() || value.isNull()) {
        throw new IllegalArgumentException(
            "--config " + file + ": '" + name + "' must be a single value");
      }
      values.put(name, value.asText());
    }
    return values;
  }
}
