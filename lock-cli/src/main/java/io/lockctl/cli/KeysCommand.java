package io.lockctl.cli;

import io.lockctl.v1.GetLockKeyRequest;
import io.lockctl.v1.ListLockKeyUsagesRequest;
import io.lockctl.v1.ListLockKeysRequest;
import io.lockctl.v1.ReplicationServiceGrpc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code lockctl keys ...}: the lock keys of ReplicationService. */
@Command(
    name = "keys",
    description = "Lock keys (ReplicationService); create them with lockctl call.",
    subcommands = {KeysCommand.ListKeys.class, KeysCommand.Get.class, KeysCommand.Usages.class})
final class KeysCommand {
  private KeysCommand() {}

  @Command(name = "list", description = "Lists the lock keys (ListLockKeys).")
  static final class ListKeys extends RpcCommand {
    @Mixin Paging page;

    @Override
    int run() {
      return print(
          ReplicationServiceGrpc.getListLockKeysMethod(),
          ListLockKeysRequest.newBuilder().setPageSize(page.size).setPageToken(page.token).build());
    }
  }

  @Command(name = "get", description = "Shows a lock key by id or name (GetLockKey).")
  static final class Get extends RpcCommand {
    @Parameters(paramLabel = "KEY_REF")
    String ref;

    @Override
    int run() {
      return print(
          ReplicationServiceGrpc.getGetLockKeyMethod(),
          GetLockKeyRequest.newBuilder().setLockKeyRef(ref).build());
    }
  }

  @Command(name = "usages", description = "What a lock key locks (ListLockKeyUsages).")
  static final class Usages extends RpcCommand {
    @Parameters(paramLabel = "KEY_REF")
    String ref;

    @Override
    int run() {
      return print(
          ReplicationServiceGrpc.getListLockKeyUsagesMethod(),
          ListLockKeyUsagesRequest.newBuilder().setLockKeyRef(ref).build());
    }
  }
}
