package io.lockctl.cli;

import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code lockctl}, the operator's command line. The connection and output flags are accepted before
 * or after the subcommand; every subcommand reads them from here.
 */
@Command(
    name = "lockctl",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    description = "Operates a lockctl server: any RPC by name, and the everyday tasks.",
    footer = {
      "",
      "Exit status: 0 success; 1 the server refused or failed the call (its code and reason are"
          + " printed on stderr), or a check failed; 2 bad usage.",
      "Environment: LOCKCTL_TARGET, LOCKCTL_TLS_CA, LOCKCTL_TLS_CERT, LOCKCTL_TLS_KEY,"
          + " LOCKCTL_TOKEN_FILE, LOCKCTL_REGION."
    },
    subcommands = {
      CallCommand.class,
      SnapshotsCommand.class,
      LocksCommand.class,
      RulesCommand.class,
      KeysCommand.class,
      RelationshipsCommand.class,
      AuditCommand.class,
      WatchCommand.class,
      BackupCommand.class,
      AccessKeysCommand.class,
      AutoComplete.GenerateCompletion.class,
    })
public final class Lockctl {

  @Option(
      names = {"--target", "--server"},
      scope = ScopeType.INHERIT,
      paramLabel = "HOST:PORT",
      defaultValue = "${env:LOCKCTL_TARGET:-127.0.0.1:50051}",
      description = "the server (default: ${DEFAULT-VALUE})")
  String target;

  @Option(
      names = "--tls",
      scope = ScopeType.INHERIT,
      description = "connect with TLS, trusting the system's CAs (implied by the other --tls-*)")
  boolean tls;

  @Option(
      names = "--tls-ca",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      defaultValue = "${env:LOCKCTL_TLS_CA}",
      description = "connect with TLS, trusting the PEM CA certificates in FILE")
  Path tlsCa;

  @Option(
      names = "--tls-cert",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      defaultValue = "${env:LOCKCTL_TLS_CERT}",
      description = "present this PEM client certificate chain (mTLS); needs --tls-key")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      defaultValue = "${env:LOCKCTL_TLS_KEY}",
      description = "the client certificate's PEM PKCS#8 private key")
  Path tlsKey;

  @Option(
      names = "--token",
      scope = ScopeType.INHERIT,
      paramLabel = "JWT",
      description = "send this bearer token (only over TLS)")
  String token;

  @Option(
      names = "--token-file",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      defaultValue = "${env:LOCKCTL_TOKEN_FILE}",
      description = "send the bearer token in FILE, read for every call (only over TLS)")
  Path tokenFile;

  @Option(
      names = "--caller",
      scope = ScopeType.INHERIT,
      paramLabel = "NAME",
      description = "name yourself in the lockctl-caller header (servers in insecure mode only)")
  String caller;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "the deadline of each call (default: ${DEFAULT-VALUE}); none for watch")
  long timeoutSeconds;

  @Option(
      names = {"-o", "--output"},
      scope = ScopeType.INHERIT,
      paramLabel = "FORMAT",
      description = "table or json (default: table; json for call)")
  OutputFormat output;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /** Runs one command line, printing to {@code out} and {@code err}; returns the exit status. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new Lockctl());
    commandLine
        .setOut(out)
        .setErr(err)
        .setCaseInsensitiveEnumValuesAllowed(true)
        // "@FILE" is lockctl call's request file, not picocli's argument file
        .setExpandAtFiles(false)
        .setParameterExceptionHandler(
            (wrong, arguments) -> {
              CommandLine command = wrong.getCommandLine();
              command.getErr().println("lockctl: " + wrong.getMessage());
              command
                  .getErr()
                  .println("see: " + command.getCommandSpec().qualifiedName() + " --help");
              return ExitCodes.USAGE;
            })
        .setExecutionExceptionHandler(
            (failure, failed, parsed) -> {
              PrintWriter errors = failed.getErr();
              if (failure instanceof StatusRuntimeException refused) {
                RpcErrors.print(refused, rpcOf(failed), errors);
                return ExitCodes.FAILED;
              }
              if (failure instanceof CheckFailedException check) {
                errors.println("lockctl: " + check.getMessage());
                return ExitCodes.FAILED;
              }
              if (failure instanceof UncheckedIOException unreadable) {
                errors.println("lockctl: " + unreadable.getMessage());
                return ExitCodes.USAGE;
              }
              throw failure;
            });
    commandLine
        .getSubcommands()
        .get("generate-completion")
        .getCommandSpec()
        .usageMessage()
        .hidden(false);
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  private static String rpcOf(CommandLine failed) {
    return failed.getCommand() instanceof RpcCommand command ? command.lastRpc() : "that RPC";
  }
}
