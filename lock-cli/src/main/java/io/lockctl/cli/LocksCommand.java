package io.lockctl.cli;

import com.google.protobuf.util.Timestamps;
import io.lockctl.v1.DescribeLockedSnapshotsRequest;
import io.lockctl.v1.GetSnapshotUnlockChallengeRequest;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockStatus;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.UnlockSnapshotRequest;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code lockctl locks ...}: SnapshotLockService. */
@Command(
    name = "locks",
    description = "Snapshot locks (SnapshotLockService).",
    subcommands = {
      LocksCommand.Lock.class,
      LocksCommand.Unlock.class,
      LocksCommand.Describe.class,
      LocksCommand.Challenge.class,
    })
final class LocksCommand {
  private LocksCommand() {}

  /** Exactly one of the two terms. */
  static final class Term {
    @Option(names = "--days", required = true, description = "the lock's duration, 1-36500 days")
    Integer days;

    @Option(
        names = "--until",
        required = true,
        paramLabel = "RFC3339",
        description = "the lock's expiry, e.g. 2031-01-01T00:00:00Z")
    String until;
  }

  @Command(name = "lock", description = "Locks a snapshot, or reconfigures its lock.")
  static final class Lock extends RpcCommand {
    @Mixin Region region;

    @Parameters(paramLabel = "SNAPSHOT_ID")
    String id;

    @Option(names = "--mode", required = true, description = "compliance, governance or key")
    String mode;

    @ArgGroup(multiplicity = "1")
    Term term;

    @Option(names = "--cool-off-hours", description = "compliance only: 0-72 (default 0)")
    int coolOffHours;

    @Option(names = "--key", paramLabel = "KEY_REF", description = "key mode: the lock key")
    String key = "";

    @Option(names = "--dry-run", description = "check only; lock nothing")
    boolean dryRun;

    @Override
    int run() {
      LockSnapshotRequest.Builder request =
          LockSnapshotRequest.newBuilder()
              .setRegionId(region.id())
              .setSnapshotId(id)
              .setLockMode(Enums.parse(LockMode.class, "LOCK_MODE_", mode, "--mode", spec))
              .setCoolOffPeriodHours(coolOffHours)
              .setLockKeyRef(key)
              .setDryRun(dryRun);
      if (term.days != null) {
        request.setLockDurationDays(term.days);
      } else {
        try {
          request.setExpireTime(Timestamps.parse(term.until));
        } catch (ParseException e) {
          throw new ParameterException(
              spec.commandLine(), "--until is an RFC 3339 time: " + term.until);
        }
      }
      return print(SnapshotLockServiceGrpc.getLockSnapshotMethod(), request.build());
    }
  }

  @Command(name = "unlock", description = "Removes a snapshot's lock (UnlockSnapshot).")
  static final class Unlock extends RpcCommand {
    @Mixin Region region;

    @Parameters(paramLabel = "SNAPSHOT_ID")
    String id;

    @Option(
        names = "--signature",
        paramLabel = "BASE64",
        description = "key mode: the signed unlock challenge")
    String signature = "";

    @Option(names = "--dry-run", description = "check only; unlock nothing")
    boolean dryRun;

    @Override
    int run() {
      return print(
          SnapshotLockServiceGrpc.getUnlockSnapshotMethod(),
          UnlockSnapshotRequest.newBuilder()
              .setRegionId(region.id())
              .setSnapshotId(id)
              .setSignature(signature)
              .setDryRun(dryRun)
              .build());
    }
  }

  @Command(
      name = "describe",
      description = "Lists locked snapshots, expired ones included (DescribeLockedSnapshots).")
  static final class Describe extends RpcCommand {
    @Mixin Region region;

    @Parameters(arity = "0..*", paramLabel = "SNAPSHOT_ID", description = "only these")
    List<String> ids = new ArrayList<>();

    @Option(names = "--status", description = "compliance-cooloff, compliance, governance, key, …")
    String status;

    @Mixin Paging page;

    @Override
    int run() {
      DescribeLockedSnapshotsRequest.Builder request =
          DescribeLockedSnapshotsRequest.newBuilder()
              .setRegionId(region.id())
              .addAllSnapshotIds(ids)
              .setPageSize(page.size)
              .setPageToken(page.token);
      if (status != null) {
        request.setLockStatus(
            Enums.parse(LockStatus.class, "LOCK_STATUS_", status, "--status", spec));
      }
      return print(SnapshotLockServiceGrpc.getDescribeLockedSnapshotsMethod(), request.build());
    }
  }

  @Command(
      name = "challenge",
      description = "Key locks: the challenge to sign for an unlock (GetSnapshotUnlockChallenge).")
  static final class Challenge extends RpcCommand {
    @Mixin Region region;

    @Parameters(paramLabel = "SNAPSHOT_ID")
    String id;

    @Override
    int run() {
      return print(
          SnapshotLockServiceGrpc.getGetSnapshotUnlockChallengeMethod(),
          GetSnapshotUnlockChallengeRequest.newBuilder()
              .setRegionId(region.id())
              .setSnapshotId(id)
              .build());
    }
  }
}
