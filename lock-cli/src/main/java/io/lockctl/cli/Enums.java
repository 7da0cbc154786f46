package io.lockctl.cli;

import com.google.protobuf.ProtocolMessageEnum;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Enum values as flags take them: {@code compliance} for {@code LOCK_MODE_COMPLIANCE}. */
final class Enums {
  private Enums() {}

  static <E extends Enum<E> & ProtocolMessageEnum> E parse(
      Class<E> type, String prefix, String text, String flag, CommandSpec spec) {
    String name = text.toUpperCase(Locale.ROOT).replace('-', '_');
    List<String> accepted = new ArrayList<>();
    for (E value : type.getEnumConstants()) {
      if (value.name().endsWith("_UNSPECIFIED") || value.name().equals("UNRECOGNIZED")) {
        continue;
      }
      String shortName = value.name().substring(prefix.length());
      if (shortName.equals(name) || value.name().equals(name)) {
        return value;
      }
      accepted.add(shortName.toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    throw new ParameterException(
        spec.commandLine(), flag + " must be one of " + String.join(", ", accepted) + ": " + text);
  }
}
