package io.lockctl.server;

import io.lockctl.core.clock.MaxClockStep;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@link ServerConfig} from command-line flags and {@code LOCKCTL_*} environment variables;
 * a flag wins over its variable, a variable over the default.
 */
public final class ServerConfigParser {

  /** What the command line asks for. */
  public sealed interface Invocation {
    record Run(ServerConfig config) implements Invocation {}

    record ShowHelp() implements Invocation {}

    record Invalid(String message) implements Invocation {}
  }

  public static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar lock-server.jar [options]",
          "  --host <address>            address to listen on (default 0.0.0.0; env LOCKCTL_HOST)",
          "  --port <n>                  port, 0 picks a free one (default 50051; env LOCKCTL_PORT)",
          "  --data-dir <path>           where the store keeps its files (default ./lockctl-data;"
              + " env LOCKCTL_DATA_DIR)",
          "  --shutdown-grace <seconds>  how long a stop waits for calls in flight (default 30;"
              + " env LOCKCTL_SHUTDOWN_GRACE)",
          "  --postgres-url <jdbc-url>   keep the data in PostgreSQL instead of --data-dir, e.g.",
          "                              jdbc:postgresql://db:5432/lockctl?user=lockctl&currentSchema=lockctl;",
          "                              replicas given the same URL act as one service"
              + " (env LOCKCTL_POSTGRES_URL)",
          "  --max-clock-step <duration> the largest forward step of the system clock the"
              + " compliance clock",
          "                              follows at once, e.g. 1h, 30m, 3600s; larger jumps are"
              + " slewed at 1%",
          "                              (default 1h; env LOCKCTL_MAX_CLOCK_STEP)",
          "  --help                      print this help");

  private static final List<String> NAMES =
      List.of("host", "port", "data-dir", "shutdown-grace", "postgres-url", "max-clock-step");

  private ServerConfigParser() {}

  public static Invocation parse(List<String> args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : NAMES) {
      String fromEnv = env.get(envName(name));
      if (fromEnv != null) {
        values.put(name, fromEnv);
      }
    }
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Invocation.ShowHelp();
      }
      if (!arg.startsWith("--")) {
        return new Invocation.Invalid("unexpected argument: " + arg);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      if (!NAMES.contains(name)) {
        return new Invocation.Invalid("unknown flag: --" + name);
      }
      if (equals >= 0) {
        values.put(name, arg.substring(equals + 1));
      } else if (i + 1 < args.size()) {
        values.put(name, args.get(++i));
      } else {
        return new Invocation.Invalid("flag --" + name + " needs a value");
      }
    }
    try {
      return new Invocation.Run(
          new ServerConfig(
              values.getOrDefault("host", ServerConfig.DEFAULT_HOST),
              intValue(values, "port", ServerConfig.DEFAULT_PORT),
              pathValue(values, "data-dir", ServerConfig.DEFAULT_DATA_DIR),
              values.containsKey("shutdown-grace")
                  ? Duration.ofSeconds(intValue(values, "shutdown-grace", 0))
                  : ServerConfig.DEFAULT_SHUTDOWN_GRACE,
              values.get("postgres-url"),
              durationValue(values, "max-clock-step", ServerConfig.DEFAULT_MAX_CLOCK_STEP)));
    } catch (IllegalArgumentException invalid) {
      return new Invocation.Invalid(invalid.getMessage());
    }
  }

  static String envName(String flag) {
    return "LOCKCTL_" + flag.replace('-', '_').toUpperCase(Locale.ROOT);
  }

  private static int intValue(Map<String, String> values, String name, int defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException notANumber) {
      throw new IllegalArgumentException(
          "--" + name + " (or " + envName(name) + ") must be a whole number, got '" + value + "'");
    }
  }

  private static Duration durationValue(
      Map<String, String> values, String name, Duration defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    try {
      return MaxClockStep.parse(value);
    } catch (IllegalArgumentException invalid) {
      throw new IllegalArgumentException(
          "--" + name + " (or " + envName(name) + "): " + invalid.getMessage());
    }
  }

  private static Path pathValue(Map<String, String> values, String name, Path defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException("--" + name + " must not be empty");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException invalid) {
      throw new IllegalArgumentException("--" + name + " is not a valid path: " + value);
    }
  }
}
