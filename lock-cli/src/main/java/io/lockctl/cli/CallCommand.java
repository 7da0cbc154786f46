package io.lockctl.cli;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code lockctl call SERVICE/RPC [JSON]}: any unary or server-streaming RPC, with the request in
 * the proto JSON mapping, built and read as dynamic messages from lock-api's generated descriptors
 * or, for a service they do not have, from the server's reflection.
 */
@Command(
    name = "call",
    sortOptions = false,
    description = {
      "Calls any RPC by name with a JSON request and prints the JSON response.",
      "SERVICE/RPC: e.g. SnapshotService/GetSnapshot or lockctl.v1.SnapshotService/GetSnapshot;"
          + " a service this lockctl does not know is looked up in the server's reflection.",
      "JSON: the request in the proto JSON mapping (proto or lowerCamelCase field names);"
          + " '-' reads it from stdin, @FILE from a file; absent means {}.",
      "A server stream prints one JSON object a line until it ends (Ctrl-C stops it)."
    })
final class CallCommand extends RpcCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE/RPC", description = "the method")
  String method;

  @Parameters(index = "1", arity = "0..1", paramLabel = "JSON", description = "the request")
  String request;

  @Option(names = "--list", description = "list every RPC this lockctl knows, then exit")
  boolean list;

  @Override
  int run() {
    if (list) {
      Schema.methodNames().forEach(spec.commandLine().getOut()::println);
      return ExitCodes.OK;
    }
    if (method == null) {
      throw new ParameterException(spec.commandLine(), "name the RPC: SERVICE/RPC");
    }
    Schema.MethodName name =
        Schema.MethodName.parse(method)
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(), "name the RPC as SERVICE/RPC: " + method));
    Descriptors.MethodDescriptor descriptor =
        Schema.method(name)
            .or(
                () ->
                    ReflectedSchema.method(
                        connection().channel(), connection().unary(), name.service(), name.rpc()))
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "no RPC "
                            + method
                            + " in this lockctl's protos nor in the server's reflection;"
                            + " lockctl call --list lists the RPCs lockctl knows"));
    if (descriptor.isClientStreaming()) {
      throw new ParameterException(
          spec.commandLine(), method + " streams requests, which lockctl call does not send");
    }
    DynamicMessage message = parse(descriptor.getInputType(), requestText());
    MethodDescriptor<DynamicMessage, DynamicMessage> rpc = dynamic(descriptor);
    calling(rpc.getFullMethodName());
    Output output = output(OutputFormat.json);
    if (descriptor.isServerStreaming()) {
      Iterator<DynamicMessage> responses =
          ClientCalls.blockingServerStreamingCall(
              connection().channel(), rpc, connection().streaming(), message);
      while (responses.hasNext()) {
        output.printLine(responses.next());
      }
    } else {
      output.print(
          ClientCalls.blockingUnaryCall(
              connection().channel(), rpc, connection().unary(), message));
    }
    return ExitCodes.OK;
  }

  private String requestText() {
    if (request == null) {
      return "{}";
    }
    try {
      if (request.equals("-")) {
        InputStream in = System.in;
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (request.startsWith("@")) {
        return Files.readString(Path.of(request.substring(1)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request: " + e.getMessage(), e);
    }
    return request;
  }

  private DynamicMessage parse(Descriptors.Descriptor type, String json) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    try {
      JsonFormat.parser().merge(json, builder);
    } catch (InvalidProtocolBufferException | RuntimeException malformed) {
      throw new ParameterException(
          spec.commandLine(),
          "the request is not a " + type.getFullName() + " in JSON: " + malformed.getMessage());
    }
    return builder.build();
  }

  private static MethodDescriptor<DynamicMessage, DynamicMessage> dynamic(
      Descriptors.MethodDescriptor method) {
    return MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
        .setType(method.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY)
        .setFullMethodName(
            MethodDescriptor.generateFullMethodName(
                method.getService().getFullName(), method.getName()))
        .setRequestMarshaller(
            ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getInputType())))
        .setResponseMarshaller(
            ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(method.getOutputType())))
        .build();
  }
}
