package io.lockctl.cli;

import io.grpc.stub.ClientCalls;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.WatchLockEventsRequest;
import io.lockctl.v1.WatchLockEventsResponse;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lockctl watch}: AuditService.WatchLockEvents, one event a line. */
@Command(
    name = "watch",
    description = {
      "Prints lock events as they commit, one a line, until stopped (WatchLockEvents).",
      "A stream closed with WATCH_TOO_SLOW says which index to resume --from."
    })
final class WatchCommand extends RpcCommand {
  @Option(
      names = "--from",
      paramLabel = "INDEX",
      description = "start at this audit index (default: only events from now on)")
  Long from;

  @Option(names = "--resource-prefix", description = "only resources starting with this")
  String resourcePrefix = "";

  @Option(names = "--action", description = "only this action, e.g. lockctl:LockSnapshot")
  String action = "";

  @Override
  int run() {
    WatchLockEventsRequest.Builder request =
        WatchLockEventsRequest.newBuilder().setResourcePrefix(resourcePrefix).setAction(action);
    if (from != null) {
      request.setStartIndex(from).setHasStartIndex(true);
    }
    calling(AuditServiceGrpc.getWatchLockEventsMethod().getFullMethodName());
    Iterator<WatchLockEventsResponse> events =
        ClientCalls.blockingServerStreamingCall(
            connection().channel(),
            AuditServiceGrpc.getWatchLockEventsMethod(),
            connection().streaming(),
            request.build());
    Output output = output();
    while (events.hasNext()) {
      output.printLine(events.next());
    }
    return ExitCodes.OK;
  }
}
