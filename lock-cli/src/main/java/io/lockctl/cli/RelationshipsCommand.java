package io.lockctl.cli;

import io.lockctl.v1.GetTargetRelationshipRequest;
import io.lockctl.v1.ListTargetRelationshipsRequest;
import io.lockctl.v1.ReplicationServiceGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockctl relationships ...}: the target relationships of ReplicationService. */
@Command(
    name = "relationships",
    description = "Replication target relationships (ReplicationService).",
    subcommands = {RelationshipsCommand.ListRelationships.class, RelationshipsCommand.Get.class})
final class RelationshipsCommand {
  private RelationshipsCommand() {}

  @Command(name = "list", description = "Lists target relationships (ListTargetRelationships).")
  static final class ListRelationships extends RpcCommand {
    @Option(
        names = {"-r", "--region"},
        defaultValue = "${env:LOCKCTL_REGION}",
        description = "only this region (default: $LOCKCTL_REGION, else every region)")
    String region = "";

    @Mixin Paging page;

    @Override
    int run() {
      return print(
          ReplicationServiceGrpc.getListTargetRelationshipsMethod(),
          ListTargetRelationshipsRequest.newBuilder()
              .setRegionId(region == null ? "" : region)
              .setPageSize(page.size)
              .setPageToken(page.token)
              .build());
    }
  }

  @Command(
      name = "get",
      description = "Shows a target relationship and its lock key (GetTargetRelationship).")
  static final class Get extends RpcCommand {
    @Parameters(paramLabel = "RELATIONSHIP_ID")
    String id;

    @Override
    int run() {
      return print(
          ReplicationServiceGrpc.getGetTargetRelationshipMethod(),
          GetTargetRelationshipRequest.newBuilder().setRelationshipId(id).build());
    }
  }
}
