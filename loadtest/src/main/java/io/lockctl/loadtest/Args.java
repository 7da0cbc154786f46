package io.lockctl.loadtest;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code --name value} / {@code --name=value} / {@code --flag} options of one subcommand. */
final class Args {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final Map<String, String> values;
  private final Set<String> flags;

  private Args(Map<String, String> values, Set<String> flags) {
    this.values = values;
    this.flags = flags;
  }

  /**
   * Parses {@code args}, refusing options not in {@code valued} or {@code flagNames}, and repeats.
   */
  static Args parse(List<String> args, Set<String> valued, Set<String> flagNames) {
    Map<String, String> values = new HashMap<>();
    Set<String> flags = new HashSet<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (flagNames.contains(name) && value == null) {
        if (!flags.add(name)) {
          throw new UsageException("--" + name + " given twice");
        }
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException("--" + name + " needs a value");
          }
          value = args.get(++i);
        }
        if (values.put(name, value) != null) {
          throw new UsageException("--" + name + " given twice");
        }
      } else {
        throw new UsageException("unknown option --" + name);
      }
    }
    return new Args(values, flags);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String string(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  String string(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  long longValue(String name, long min) {
    return checkedLong(name, string(name), min);
  }

  long longValue(String name, long min, long fallback) {
    return has(name) ? longValue(name, min) : fallback;
  }

  int intValue(String name, int min, int fallback) {
    long value = longValue(name, min, fallback);
    if (value > Integer.MAX_VALUE) {
      throw new UsageException("--" + name + " is too large: " + value);
    }
    return (int) value;
  }

  Duration duration(String name, Duration fallback) {
    return has(name) ? parseDuration(name, string(name)) : fallback;
  }

  /** "500ms", "30s", "2m", "1h": the forms ghz accepts too, minus fractions. */
  static Duration parseDuration(String name, String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new UsageException(
          "--" + name + " must look like 500ms, 30s, 2m or 1h, was '" + text + "'");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  private static long checkedLong(String name, String text, long min) {
    long value;
    try {
      value = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a whole number, was '" + text + "'");
    }
    if (value < min) {
      throw new UsageException("--" + name + " must be at least " + min + ", was " + value);
    }
    return value;
  }
}
