package io.lockctl.cli;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand that makes calls: it opens the connection the flags describe, runs, and closes it.
 * An RPC error propagates as a {@code StatusRuntimeException}, which {@link Lockctl} prints.
 */
abstract class RpcCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  private Connection connection;
  private String lastRpc = "that RPC";

  /** The command's work, with the connection open. */
  abstract int run();

  @Override
  public final Integer call() {
    try (Connection opened = Connection.open(flags(), spec)) {
      this.connection = opened;
      return run();
    }
  }

  final Lockctl flags() {
    return (Lockctl) spec.root().userObject();
  }

  final Connection connection() {
    return connection;
  }

  /** The output in the format asked for, else {@code fallback}. */
  final Output output(OutputFormat fallback) {
    OutputFormat format = flags().output == null ? fallback : flags().output;
    return new Output(format, spec.commandLine().getOut());
  }

  final Output output() {
    return output(OutputFormat.table);
  }

  /** A unary call with the flags' deadline and credentials. */
  final <Q extends Message, R extends Message> R unary(MethodDescriptor<Q, R> method, Q request) {
    lastRpc = method.getFullMethodName();
    return ClientCalls.blockingUnaryCall(connection.channel(), method, connection.unary(), request);
  }

  /** Calls {@code method} and prints its response. */
  final <Q extends Message, R extends Message> int print(MethodDescriptor<Q, R> method, Q request) {
    output().print(unary(method, request));
    return ExitCodes.OK;
  }

  final void calling(String rpc) {
    lastRpc = rpc;
  }

  final String lastRpc() {
    return lastRpc;
  }
}
