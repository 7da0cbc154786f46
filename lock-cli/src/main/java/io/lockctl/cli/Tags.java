package io.lockctl.cli;

import io.lockctl.v1.ResourceTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code --tag KEY=VALUE} flags. */
final class Tags {
  private Tags() {}

  static Map<String, String> map(List<String> flags, CommandSpec spec) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (String flag : flags) {
      int equals = flag.indexOf('=');
      if (equals <= 0) {
        throw new ParameterException(spec.commandLine(), "a tag is KEY=VALUE: " + flag);
      }
      tags.put(flag.substring(0, equals), flag.substring(equals + 1));
    }
    return tags;
  }

  static List<ResourceTag> resourceTags(List<String> flags, CommandSpec spec) {
    List<ResourceTag> tags = new ArrayList<>();
    map(flags, spec)
        .forEach(
            (key, value) -> tags.add(ResourceTag.newBuilder().setKey(key).setValue(value).build()));
    return tags;
  }
}
