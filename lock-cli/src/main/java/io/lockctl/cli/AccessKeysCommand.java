package io.lockctl.cli;

import io.lockctl.v1.AccessKeyServiceGrpc;
import io.lockctl.v1.CreateAccessKeyRequest;
import io.lockctl.v1.DeleteAccessKeyRequest;
import io.lockctl.v1.ListAccessKeysRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lockctl access-keys ...}: AccessKeyService, the keys that sign the HTTP APIs' calls. */
@Command(
    name = "access-keys",
    description = "Access keys for the AWS, Alibaba and Qumulo HTTP APIs (AccessKeyService).",
    subcommands = {
      AccessKeysCommand.Create.class,
      AccessKeysCommand.ListKeys.class,
      AccessKeysCommand.Delete.class
    })
final class AccessKeysCommand {
  private AccessKeysCommand() {}

  @Command(
      name = "create",
      description = {
        "Makes an access key that signs as PRINCIPAL (CreateAccessKey).",
        "The secret is printed once, now: the server keeps it sealed and never shows it again."
      })
  static final class Create extends RpcCommand {
    @Parameters(paramLabel = "PRINCIPAL", description = "whom calls signed with the key act as")
    String principal;

    @Option(names = "--dry-run", description = "check only; make nothing")
    boolean dryRun;

    @Override
    int run() {
      return print(
          AccessKeyServiceGrpc.getCreateAccessKeyMethod(),
          CreateAccessKeyRequest.newBuilder().setPrincipal(principal).setDryRun(dryRun).build());
    }
  }

  @Command(name = "list", description = "Lists access keys, without secrets (ListAccessKeys).")
  static final class ListKeys extends RpcCommand {
    @Option(names = "--principal", description = "only this principal's keys")
    String principal = "";

    @Mixin Paging page;

    @Override
    int run() {
      return print(
          AccessKeyServiceGrpc.getListAccessKeysMethod(),
          ListAccessKeysRequest.newBuilder()
              .setPrincipal(principal)
              .setPageSize(page.size)
              .setPageToken(page.token)
              .build());
    }
  }

  @Command(
      name = "delete",
      description = "Deletes an access key; calls signed with it are refused (DeleteAccessKey).")
  static final class Delete extends RpcCommand {
    @Parameters(paramLabel = "ACCESS_KEY_ID")
    String accessKeyId;

    @Option(names = "--dry-run", description = "check only; delete nothing")
    boolean dryRun;

    @Override
    int run() {
      return print(
          AccessKeyServiceGrpc.getDeleteAccessKeyMethod(),
          DeleteAccessKeyRequest.newBuilder()
              .setAccessKeyId(accessKeyId)
              .setDryRun(dryRun)
              .build());
    }
  }
}
