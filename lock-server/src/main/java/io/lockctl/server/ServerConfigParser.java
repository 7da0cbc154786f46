package io.lockctl.server;

import io.lockctl.core.clock.MaxClockStep;
import io.lockctl.server.auth.SecurityConfig;
import io.lockctl.server.logging.LogSettings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link ServerConfig} and the {@link LogSettings} from command-line flags, {@code
 * LOCKCTL_*} environment variables and a YAML configuration file ({@code --config}, keys named as
 * the flags): a flag wins over its variable, a variable over the file, the file over the default.
 */
public final class ServerConfigParser {

  /** What the command line asks for. */
  public sealed interface Invocation {
    record Run(ServerConfig config, LogSettings logging) implements Invocation {}

    record ShowHelp() implements Invocation {}

    record ShowVersion() implements Invocation {}

    record Invalid(String message) implements Invocation {}
  }

  private static final String INSECURE = "insecure";
  private static final String CONFIG = "config";
  private static final String ACCEPT_STORE_LOSS = "accept-store-loss";

  public static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar lock-server.jar [options]",
          "  --host <address>            address to listen on (default 127.0.0.1 without TLS,"
              + " 0.0.0.0 with it;",
          "                              env LOCKCTL_HOST); without TLS any other than a loopback"
              + " address needs --insecure",
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
          "  --tls-cert <file>           serve TLS with this PEM certificate chain (with --tls-key;"
              + " env LOCKCTL_TLS_CERT)",
          "  --tls-key <file>            the PEM PKCS#8 private key of --tls-cert"
              + " (env LOCKCTL_TLS_KEY)",
          "  --client-ca <file>          accept client certificates chained to these PEM CAs and"
              + " require",
          "                              credentials on every call (needs TLS; env LOCKCTL_CLIENT_CA)",
          "  --oidc-issuer <url>         all three together: accept authorization: Bearer <JWT> whose",
          "  --oidc-audience <aud>       iss is the issuer and aud holds the audience, signed (RS256,"
              + " ES256)",
          "  --oidc-jwks <file>          by a key of the JWKS file; requires credentials on every call"
              + " (needs TLS;",
          "                              env LOCKCTL_OIDC_ISSUER, LOCKCTL_OIDC_AUDIENCE,"
              + " LOCKCTL_OIDC_JWKS)",
          "  --policy <file>             the JSON policy of what each authenticated caller may do;"
              + " required with",
          "                              --client-ca or --oidc-* (reloaded on change and SIGHUP;"
              + " env LOCKCTL_POLICY)",
          "  --audit-key <file>          the audit log's Ed25519 signing key, PKCS#8 PEM (default: one"
              + " made once",
          "                              and kept in the store; env LOCKCTL_AUDIT_KEY)",
          "  --metrics-port <n>          serve Prometheus metrics over HTTP at /metrics on this port"
              + " (default: off;",
          "                              env LOCKCTL_METRICS_PORT); 0 picks a free one",
          "  --metrics-host <address>    address of the metrics port (default 127.0.0.1;"
              + " env LOCKCTL_METRICS_HOST)",
          "  --http-port <n>             also serve the anchors' HTTP APIs (AWS Recycle Bin, Alibaba"
              + " ECS, Qumulo)",
          "                              on this port, same host and TLS; 0 picks a free one"
              + " (default: off;",
          "                              env LOCKCTL_HTTP_PORT)",
          "  --account-id <12 digits>    the account id in AWS RuleArns and Alibaba resource names"
              + " (default",
          "                              000000000000; env LOCKCTL_ACCOUNT_ID)",
          "  --ecs-region <region>       the region of Alibaba ECS calls that send no RegionId"
              + " (default",
          "                              cn-hangzhou; env LOCKCTL_ECS_REGION)",
          "  --access-key-master-key <file>  the base64 of the 32-byte key that seals access-key"
              + " secrets in",
          "                              the store (default: made on first start in --data-dir;"
              + " env",
          "                              LOCKCTL_ACCESS_KEY_MASTER_KEY)",
          "  --insecure                  serve plaintext on a non-loopback --host, trusting every"
              + " caller",
          "                              (env LOCKCTL_INSECURE=true)",
          "  --log-format <json|text>    one JSON object a line, or plain text (default text;"
              + " env LOCKCTL_LOG_FORMAT)",
          "  --log-level <level>         error, warn, info or debug (default info;"
              + " env LOCKCTL_LOG_LEVEL);",
          "                              info logs one line a call",
          "  --config <file>             a YAML file of these settings, keys named as the flags"
              + " (port: 50051);",
          "                              flags and LOCKCTL_* variables override it"
              + " (env LOCKCTL_CONFIG)",
          "  --version                   print the version",
          "  --accept-store-loss         start on an embedded store that lost acknowledged writes"
              + " (missing,",
          "                              replaced or rolled back), and log it (env"
              + " LOCKCTL_ACCEPT_STORE_LOSS=true)",
          "  --help                      print this help",
          "Limits (each also LOCKCTL_<NAME>, e.g. LOCKCTL_MAX_REQUEST_BYTES; sizes take KiB, MiB or"
              + " GiB,",
          "durations ms, s, m, h or d; see README, \"Limits and failure behaviour\"):",
          "  --max-request-bytes <size>            the largest request message (default 1MiB)",
          "  --max-inflight-request-bytes <size>   request bytes still arriving above which new"
              + " calls get",
          "                                        SERVER_BUSY (default 64MiB)",
          "  --max-response-bytes <size>           where a list page stops (default 4MiB)",
          "  --max-metadata-bytes <size>           the largest request metadata (default 16KiB)",
          "  --max-calls-per-connection <n>        calls one connection holds at once (default 100)",
          "  --flow-control-window <size>          what a client may send on a call before the"
              + " server reads it",
          "                                        (HTTP/2 window per stream; default 64KiB)",
          "  --keepalive-time <duration>           ping a connection silent this long (default 1m)",
          "  --keepalive-timeout <duration>        drop it if the ping is not answered in this"
              + " (default 20s)",
          "  --permit-keepalive-time <duration>    how often clients may ping at most"
              + " (default 10s)",
          "  --max-connection-idle <duration>      close a connection without calls after this"
              + " (default 15m)",
          "  --max-connection-age <duration>       close every connection after this (default 1h)",
          "  --max-connection-age-grace <duration> how long its calls may still run (default 5m)",
          "  --refusal-log-interval <duration>     one log line per kind of refused request at most"
              + " this often",
          "                                        (default 1s; 0 logs every one)",
          "The certificate, key, CA and JWKS files are read again every "
              + SecurityConfig.DEFAULT_RELOAD_PERIOD.toSeconds()
              + " s: replace them to rotate.");

  private static final List<String> NAMES =
      List.of(
          "host",
          "port",
          "data-dir",
          "shutdown-grace",
          "postgres-url",
          "max-clock-step",
          "tls-cert",
          "tls-key",
          "client-ca",
          "oidc-issuer",
          "oidc-audience",
          "oidc-jwks",
          "policy",
          "audit-key",
          "log-format",
          "log-level",
          "metrics-port",
          "metrics-host",
          "http-port",
          "account-id",
          "access-key-master-key",
          "ecs-region",
          INSECURE,
          ACCEPT_STORE_LOSS,
          "max-request-bytes",
          "max-inflight-request-bytes",
          "max-response-bytes",
          "max-metadata-bytes",
          "max-calls-per-connection",
          "flow-control-window",
          "keepalive-time",
          "keepalive-timeout",
          "permit-keepalive-time",
          "max-connection-idle",
          "max-connection-age",
          "max-connection-age-grace",
          "refusal-log-interval");

  /** Up to 12 digits, so that even GiB times the number fits a long. */
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,12})\\s*(|KiB|MiB|GiB)", Pattern.CASE_INSENSITIVE);

  private static final List<String> OIDC = List.of("oidc-issuer", "oidc-audience", "oidc-jwks");

  private ServerConfigParser() {}

  public static Invocation parse(List<String> args, Map<String, String> env) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Invocation.ShowHelp();
      }
      if (arg.equals("--version")) {
        return new Invocation.ShowVersion();
      }
      if (!arg.startsWith("--")) {
        return new Invocation.Invalid("unexpected argument: " + arg);
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      if (!NAMES.contains(name) && !name.equals(CONFIG)) {
        return new Invocation.Invalid("unknown flag: --" + name);
      }
      if ((name.equals(INSECURE) || name.equals(ACCEPT_STORE_LOSS)) && equals < 0) {
        flags.put(name, "true"); // a switch: it never takes the next argument
      } else if (equals >= 0) {
        flags.put(name, arg.substring(equals + 1));
      } else if (i + 1 < args.size()) {
        flags.put(name, args.get(++i));
      } else {
        return new Invocation.Invalid("flag --" + name + " needs a value");
      }
    }
    try {
      Map<String, String> values = new LinkedHashMap<>();
      String configFile = flags.containsKey(CONFIG) ? flags.get(CONFIG) : env.get(envName(CONFIG));
      if (configFile != null) {
        values.putAll(ConfigFile.read(pathValue(Map.of(CONFIG, configFile), CONFIG, null), NAMES));
      }
      for (String name : NAMES) {
        String fromEnv = env.get(envName(name));
        if (fromEnv != null) {
          values.put(name, fromEnv);
        }
      }
      flags.remove(CONFIG);
      values.putAll(flags);
      SecurityConfig security = security(values);
      return new Invocation.Run(
          new ServerConfig(
              values.getOrDefault("host", ServerConfig.defaultHost(security)),
              intValue(values, "port", ServerConfig.DEFAULT_PORT),
              pathValue(values, "data-dir", ServerConfig.DEFAULT_DATA_DIR),
              values.containsKey("shutdown-grace")
                  ? Duration.ofSeconds(intValue(values, "shutdown-grace", 0))
                  : ServerConfig.DEFAULT_SHUTDOWN_GRACE,
              values.get("postgres-url"),
              durationValue(values, "max-clock-step", ServerConfig.DEFAULT_MAX_CLOCK_STEP),
              security,
              metrics(values),
              new HttpConfig(
                  values.containsKey("http-port") ? intValue(values, "http-port", 0) : null,
                  values.getOrDefault("account-id", HttpConfig.DEFAULT_ACCOUNT_ID).trim(),
                  pathValue(values, "access-key-master-key", null),
                  values.getOrDefault("ecs-region", HttpConfig.DEFAULT_ECS_REGION).trim()),
              booleanValue(values, ACCEPT_STORE_LOSS),
              limits(values)),
          logging(values));
    } catch (IllegalArgumentException invalid) {
      return new Invocation.Invalid(invalid.getMessage());
    }
  }

  private static LogSettings logging(Map<String, String> values) {
    return new LogSettings(
        values.containsKey("log-format")
            ? LogSettings.Format.parse(values.get("log-format"))
            : LogSettings.DEFAULT.format(),
        values.containsKey("log-level")
            ? LogSettings.parseLevel(values.get("log-level"))
            : LogSettings.DEFAULT.level());
  }

  private static ServerLimits limits(Map<String, String> values) {
    ServerLimits defaults = ServerLimits.DEFAULTS;
    return new ServerLimits(
        intBytesValue(values, "max-request-bytes", defaults.maxRequestBytes()),
        bytesValue(values, "max-inflight-request-bytes", defaults.maxInflightRequestBytes()),
        intBytesValue(values, "max-response-bytes", defaults.maxResponseBytes()),
        intBytesValue(values, "max-metadata-bytes", defaults.maxMetadataBytes()),
        intValue(values, "max-calls-per-connection", defaults.maxCallsPerConnection()),
        intBytesValue(values, "flow-control-window", defaults.flowControlWindow()),
        durationValue(values, "keepalive-time", defaults.keepaliveTime()),
        durationValue(values, "keepalive-timeout", defaults.keepaliveTimeout()),
        durationValue(values, "permit-keepalive-time", defaults.permitKeepaliveTime()),
        durationValue(values, "max-connection-idle", defaults.maxConnectionIdle()),
        durationValue(values, "max-connection-age", defaults.maxConnectionAge()),
        durationValue(values, "max-connection-age-grace", defaults.maxConnectionAgeGrace()),
        durationValue(values, "refusal-log-interval", defaults.refusalLogInterval()));
  }

  private static ServerConfig.MetricsAddress metrics(Map<String, String> values) {
    if (!values.containsKey("metrics-port")) {
      if (values.containsKey("metrics-host")) {
        throw new IllegalArgumentException("--metrics-host needs --metrics-port");
      }
      return null;
    }
    return new ServerConfig.MetricsAddress(
        values.getOrDefault("metrics-host", ServerConfig.DEFAULT_METRICS_HOST),
        intValue(values, "metrics-port", 0));
  }

  private static SecurityConfig security(Map<String, String> values) {
    List<String> oidcGiven = OIDC.stream().filter(values::containsKey).toList();
    if (!oidcGiven.isEmpty() && oidcGiven.size() < OIDC.size()) {
      throw new IllegalArgumentException(
          "--oidc-issuer, --oidc-audience and --oidc-jwks go together; missing: "
              + String.join(
                  ", ",
                  OIDC.stream().filter(n -> !values.containsKey(n)).map(n -> "--" + n).toList()));
    }
    SecurityConfig.Oidc oidc =
        oidcGiven.isEmpty()
            ? null
            : new SecurityConfig.Oidc(
                values.get("oidc-issuer").trim(),
                values.get("oidc-audience").trim(),
                pathValue(values, "oidc-jwks", null));
    SecurityConfig security =
        new SecurityConfig(
            pathValue(values, "tls-cert", null),
            pathValue(values, "tls-key", null),
            pathValue(values, "client-ca", null),
            oidc,
            booleanValue(values, INSECURE),
            SecurityConfig.DEFAULT_RELOAD_PERIOD,
            pathValue(values, "policy", null),
            pathValue(values, "audit-key", null));
    if (security.authenticates() && security.policy() == null) {
      throw new IllegalArgumentException(
          "--client-ca and --oidc-* authenticate callers, and then --policy is required: it says"
              + " what each of them may do (see docs/policy.md)");
    }
    return security;
  }

  private static boolean booleanValue(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      return false;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no", "" -> false;
      default ->
          throw new IllegalArgumentException(
              "--"
                  + name
                  + " (or "
                  + envName(name)
                  + ") must be true or false, got '"
                  + value
                  + "'");
    };
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

  /**
   * A size in bytes: a whole number, with KiB, MiB or GiB after it or nothing (bytes); anything
   * past what the limits allow is left to them to refuse, so it only has to fit a long.
   */
  private static long bytesValue(Map<String, String> values, String name, long defaultValue) {
    String value = values.get(name);
    if (value == null) {
      return defaultValue;
    }
    Matcher size = SIZE.matcher(value.trim());
    if (!size.matches()) {
      throw new IllegalArgumentException(
          "--"
              + name
              + " (or "
              + envName(name)
              + ") must be a size such as 1048576, 512KiB, 1MiB or 1GiB, got '"
              + value
              + "'");
    }
    long unit =
        switch (size.group(2).toLowerCase(Locale.ROOT)) {
          case "kib" -> 1L << 10;
          case "mib" -> 1L << 20;
          case "gib" -> 1L << 30;
          default -> 1;
        };
    return Long.parseLong(size.group(1)) * unit;
  }

  /** A size that must fit an int, such as a message's. */
  private static int intBytesValue(Map<String, String> values, String name, int defaultValue) {
    long bytes = bytesValue(values, name, defaultValue);
    if (bytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("--" + name + " must be less than 2GiB, got " + bytes);
    }
    return (int) bytes;
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
