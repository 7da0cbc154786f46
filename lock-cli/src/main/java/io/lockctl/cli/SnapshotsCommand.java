package io.lockctl.cli;

import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.RestoreSnapshotRequest;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.SnapshotState;
import io.lockctl.v1.SnapshotStatus;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockctl snapshots ...}: SnapshotService. */
@Command(
    name = "snapshots",
    description = "The snapshot catalog (SnapshotService).",
    subcommands = {
      SnapshotsCommand.Register.class,
      SnapshotsCommand.Get.class,
      SnapshotsCommand.ListSnapshots.class,
      SnapshotsCommand.Delete.class,
      SnapshotsCommand.Restore.class,
    })
final class SnapshotsCommand {
  private SnapshotsCommand() {}

  @Command(name = "register", description = "Registers a snapshot (RegisterSnapshot).")
  static final class Register extends RpcCommand {
    @Mixin Region region;

    @Option(names = "--id", description = "the snapshot id (default: the server picks one)")
    String id = "";

    @Option(
        names = "--status",
        defaultValue = "accomplished",
        description = "progressing, accomplished or failed (default: ${DEFAULT-VALUE})")
    String status;

    @Option(names = "--retention-days", description = "0 (default): kept until deleted")
    int retentionDays;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "a tag; repeatable")
    List<String> tags = new ArrayList<>();

    @Option(names = "--shared", description = "the snapshot is shared")
    boolean shared;

    @Option(names = "--managed-by", paramLabel = "PRODUCT", description = "the managing product")
    String managedBy = "";

    @Option(names = "--dry-run", description = "check only; register nothing")
    boolean dryRun;

    @Override
    int run() {
      return print(
          SnapshotServiceGrpc.getRegisterSnapshotMethod(),
          RegisterSnapshotRequest.newBuilder()
              .setRegionId(region.id())
              .setSnapshotId(id)
              .setStatus(
                  Enums.parse(SnapshotStatus.class, "SNAPSHOT_STATUS_", status, "--status", spec))
              .setRetentionDays(retentionDays)
              .putAllTags(Tags.map(tags, spec))
              .setShared(shared)
              .setManagedBy(managedBy)
              .setDryRun(dryRun)
              .build());
    }
  }

  @Command(name = "get", description = "Shows a snapshot and its lock (GetSnapshot).")
  static final class Get extends RpcCommand {
    @Mixin Region region;

    @Parameters(paramLabel = "SNAPSHOT_ID")
    String id;

    @Override
    int run() {
      return print(
          SnapshotServiceGrpc.getGetSnapshotMethod(),
          GetSnapshotRequest.newBuilder().setRegionId(region.id()).setSnapshotId(id).build());
    }
  }

  @Command(name = "list", description = "Lists a region's snapshots (ListSnapshots).")
  static final class ListSnapshots extends RpcCommand {
    @Mixin Region region;

    @Option(names = "--locked", description = "only snapshots with an active lock")
    boolean locked;

    @Option(names = "--state", description = "active or in-recycle-bin")
    String state;

    @Mixin Paging page;

    @Override
    int run() {
      ListSnapshotsRequest.Builder request =
          ListSnapshotsRequest.newBuilder()
              .setRegionId(region.id())
              .setLocked(locked)
              .setPageSize(page.size)
              .setPageToken(page.token);
      if (state != null) {
        request.setState(
            Enums.parse(SnapshotState.class, "SNAPSHOT_STATE_", state, "--state", spec));
      }
      return print(SnapshotServiceGrpc.getListSnapshotsMethod(), request.build());
    }
  }

  @Command(
      name = "delete",
      description = "Deletes a snapshot, or moves it to the recycle bin (DeleteSnapshot).")
  static final class Delete extends RpcCommand {
    @Mixin Region region;

    @Parameters(paramLabel = "SNAPSHOT_ID")
    String id;

    @Option(names = "--dry-run", description = "check only; delete nothing")
    boolean dryRun;

    @Override
    int run() {
      return print(
          SnapshotServiceGrpc.getDeleteSnapshotMethod(),
          DeleteSnapshotRequest.newBuilder()
              .setRegionId(region.id())
              .setSnapshotId(id)
              .setDryRun(dryRun)
              .build());
    }
  }

  @Command(name = "restore", description = "Restores a snapshot from the recycle bin.")
  static final class Restore extends RpcCommand {
    @Mixin Region region;

    @Parameters(paramLabel = "SNAPSHOT_ID")
    String id;

    @Override
    int run() {
      return print(
          SnapshotServiceGrpc.getRestoreSnapshotMethod(),
          RestoreSnapshotRequest.newBuilder().setRegionId(region.id()).setSnapshotId(id).build());
    }
  }
}
