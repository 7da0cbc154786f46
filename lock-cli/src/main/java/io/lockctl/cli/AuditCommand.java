package io.lockctl.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.GetAuditCheckpointRequest;
import io.lockctl.v1.GetAuditCheckpointResponse;
import io.lockctl.v1.GetAuditConsistencyProofRequest;
import io.lockctl.v1.GetAuditConsistencyProofResponse;
import io.lockctl.v1.GetAuditPublicKeyRequest;
import io.lockctl.v1.GetAuditPublicKeyResponse;
import io.lockctl.v1.ListAuditEventsRequest;
import io.lockctl.v1.VerifyAuditRequest;
import io.lockctl.v1.VerifyAuditResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code lockctl audit ...}: AuditService, and checks of the log made here, not by the server. */
@Command(
    name = "audit",
    description = "The audit log (AuditService): records, checkpoints, and checking them.",
    subcommands = {
      AuditCommand.Events.class,
      AuditCommand.Checkpoint.class,
      AuditCommand.PublicKeyCommand.class,
      AuditCommand.Verify.class,
    })
final class AuditCommand {
  private AuditCommand() {}

  @Command(name = "events", description = "Lists audit records, oldest first (ListAuditEvents).")
  static final class Events extends RpcCommand {
    @Option(names = "--resource-prefix", description = "only resources starting with this")
    String resourcePrefix = "";

    @Option(names = "--principal", description = "only this caller")
    String principal = "";

    @Option(names = "--action", description = "only this action, e.g. lockctl:LockSnapshot")
    String action = "";

    @Mixin Paging page;

    @Override
    int run() {
      return print(
          AuditServiceGrpc.getListAuditEventsMethod(),
          ListAuditEventsRequest.newBuilder()
              .setResourcePrefix(resourcePrefix)
              .setPrincipal(principal)
              .setAction(action)
              .setPageSize(page.size)
              .setPageToken(page.token)
              .build());
    }
  }

  @Command(
      name = "checkpoint",
      description = "Shows the signed tree head; --save keeps it for audit verify --checkpoint.")
  static final class Checkpoint extends RpcCommand {
    @Option(names = "--save", paramLabel = "FILE", description = "also write it to FILE (JSON)")
    Path save;

    @Override
    int run() {
      GetAuditCheckpointResponse checkpoint =
          unary(
              AuditServiceGrpc.getGetAuditCheckpointMethod(),
              GetAuditCheckpointRequest.getDefaultInstance());
      if (save != null) {
        write(save, Output.json(checkpoint, false) + "\n");
      }
      output().print(checkpoint);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "public-key",
      description = "Prints the checkpoint signing key as PEM (GetAuditPublicKey).")
  static final class PublicKeyCommand extends RpcCommand {
    @Option(names = "--save", paramLabel = "FILE", description = "also write the PEM to FILE")
    Path save;

    @Override
    int run() {
      GetAuditPublicKeyResponse key =
          unary(
              AuditServiceGrpc.getGetAuditPublicKeyMethod(),
              GetAuditPublicKeyRequest.getDefaultInstance());
      if (save != null) {
        write(save, key.getPublicKeyPem());
      }
      if (flags().output == OutputFormat.json) {
        output().print(key);
      } else {
        output().printText(key.getPublicKeyPem());
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "verify",
      sortOptions = false,
      description = {
        "Checks the audit log without trusting the server's word for it:",
        "the current checkpoint's Ed25519 signature; with --checkpoint, the saved checkpoint's"
            + " signature and the server's consistency proof from it to the current one, verified"
            + " here (RFC 9162); then the server's own VerifyAudit of every record.",
        "With --offline, only the saved checkpoint's signature, without a server.",
        "Exit status 0 when every check passes, 1 when one fails."
      })
  static final class Verify extends RpcCommand {
    @Option(
        names = "--checkpoint",
        paramLabel = "FILE",
        description = "a checkpoint saved earlier (lockctl audit checkpoint --save FILE)")
    Path checkpoint;

    @Option(
        names = "--public-key",
        paramLabel = "FILE",
        description =
            "the signing key's PEM, kept apart from the server (default: ask the server, which"
                + " proves less)")
    Path publicKey;

    @Option(names = "--offline", description = "check --checkpoint with --public-key only")
    boolean offline;

    @Override
    int run() {
      PrintWriter out = spec.commandLine().getOut();
      if (offline) {
        if (checkpoint == null || publicKey == null) {
          throw new ParameterException(
              spec.commandLine(), "--offline needs --checkpoint and --public-key");
        }
        SignedCheckpoint saved = SignedCheckpoint.verify(readCheckpoint(), key(), what());
        out.println(what() + ": tree size " + saved.treeSize() + ", signature ok");
        return ExitCodes.OK;
      }
      PublicKey key = key();
      if (publicKey == null) {
        spec.commandLine()
            .getErr()
            .println(
                "lockctl: checking with the key the server gives (--public-key FILE checks"
                    + " against a key you kept)");
      }
      SignedCheckpoint current =
          SignedCheckpoint.verify(
              unary(
                  AuditServiceGrpc.getGetAuditCheckpointMethod(),
                  GetAuditCheckpointRequest.getDefaultInstance()),
              key,
              "the server's checkpoint");
      out.println("the server's checkpoint: tree size " + current.treeSize() + ", signature ok");
      if (checkpoint != null) {
        SignedCheckpoint saved = SignedCheckpoint.verify(readCheckpoint(), key, what());
        out.println(what() + ": tree size " + saved.treeSize() + ", signature ok");
        checkConsistency(saved, current);
        out.println(
            "consistency from "
                + saved.treeSize()
                + " to "
                + current.treeSize()
                + ": ok, the saved records are unchanged");
      }
      VerifyAuditResponse verified =
          unary(AuditServiceGrpc.getVerifyAuditMethod(), VerifyAuditRequest.getDefaultInstance());
      if (!verified.getOk()) {
        throw new CheckFailedException(
            "the server's VerifyAudit failed at index "
                + verified.getFirstBadIndex()
                + ": "
                + verified.getDetail());
      }
      out.println("the server's VerifyAudit: ok, tree size " + verified.getTreeSize());
      return ExitCodes.OK;
    }

    private void checkConsistency(SignedCheckpoint saved, SignedCheckpoint current) {
      if (!saved.origin().equals(current.origin())) {
        throw new CheckFailedException(
            what() + " is of another log: " + saved.origin() + ", not " + current.origin());
      }
      if (saved.treeSize() > current.treeSize()) {
        throw new CheckFailedException(
            "the log has "
                + current.treeSize()
                + " records, fewer than the "
                + saved.treeSize()
                + " of "
                + what()
                + ": it was truncated or replaced");
      }
      GetAuditConsistencyProofResponse proof =
          saved.treeSize() == 0 || saved.treeSize() == current.treeSize()
              ? GetAuditConsistencyProofResponse.getDefaultInstance()
              : unary(
                  AuditServiceGrpc.getGetAuditConsistencyProofMethod(),
                  GetAuditConsistencyProofRequest.newBuilder()
                      .setFirstTreeSize(saved.treeSize())
                      .setSecondTreeSize(current.treeSize())
                      .build());
      if (!ConsistencyProof.verify(
          saved.treeSize(),
          current.treeSize(),
          saved.rootHash(),
          current.rootHash(),
          proof.getHashesList())) {
        throw new CheckFailedException(
            "the log is not consistent with "
                + what()
                + ": records up to "
                + saved.treeSize()
                + " were changed since");
      }
    }

    private PublicKey key() {
      if (publicKey != null) {
        return SignedCheckpoint.publicKey(read(publicKey), publicKey.toString());
      }
      return SignedCheckpoint.publicKey(
          unary(
                  AuditServiceGrpc.getGetAuditPublicKeyMethod(),
                  GetAuditPublicKeyRequest.getDefaultInstance())
              .getPublicKeyPem(),
          "the server's public key");
    }

    private GetAuditCheckpointResponse readCheckpoint() {
      GetAuditCheckpointResponse.Builder saved = GetAuditCheckpointResponse.newBuilder();
      try {
        JsonFormat.parser().merge(read(checkpoint), saved);
      } catch (InvalidProtocolBufferException e) {
        throw new ParameterException(
            spec.commandLine(), checkpoint + " is not a saved checkpoint: " + e.getMessage());
      }
      return saved.build();
    }

    private String what() {
      return "the checkpoint in " + checkpoint;
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
