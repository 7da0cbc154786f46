package io.lockctl.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The descriptors of a service this build does not know (grpc.health.v1.Health, or a lockctl
 * service newer than this lockctl), asked of the server's reflection service.
 */
final class ReflectedSchema {
  private ReflectedSchema() {}

  /**
   * The method {@code service}/{@code rpc} as the server describes it; empty when the server has no
   * such service or serves no reflection.
   */
  static Optional<MethodDescriptor> method(
      Channel channel, CallOptions options, String service, String rpc) {
    Map<String, FileDescriptorProto> files;
    try {
      files = filesContaining(channel, options, service);
    } catch (StatusRuntimeException unanswered) {
      if (unanswered.getStatus().getCode() == Status.Code.NOT_FOUND
          || unanswered.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw unanswered;
    }
    Map<String, FileDescriptor> built = new HashMap<>();
    for (FileDescriptorProto file : files.values()) {
      for (ServiceDescriptor candidate : build(file, files, built).getServices()) {
        if (candidate.getFullName().equals(service)) {
          return Optional.ofNullable(candidate.findMethodByName(rpc));
        }
      }
    }
    return Optional.empty();
  }

  private static Map<String, FileDescriptorProto> filesContaining(
      Channel channel, CallOptions options, String symbol) {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests =
        ServerReflectionGrpc.newStub(channel)
            .withDeadline(options.getDeadline())
            .withCallCredentials(options.getCredentials())
            .serverReflectionInfo(
                new StreamObserver<>() {
                  @Override
                  public void onNext(ServerReflectionResponse response) {
                    answer.complete(response);
                  }

                  @Override
                  public void onError(Throwable failure) {
                    answer.completeExceptionally(failure);
                  }

                  @Override
                  public void onCompleted() {
                    answer.completeExceptionally(
                        Status.NOT_FOUND.withDescription("no answer").asRuntimeException());
                  }
                });
    requests.onNext(ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build());
    ServerReflectionResponse response;
    try {
      response = answer.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException failed) {
      throw failed.getCause() instanceof StatusRuntimeException status
          ? status
          : Status.UNKNOWN.withCause(failed.getCause()).asRuntimeException();
    } catch (InterruptedException | TimeoutException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw Status.DEADLINE_EXCEEDED.withDescription("reflection").asRuntimeException();
    } finally {
      requests.onCompleted();
    }
    if (response.hasErrorResponse()) {
      throw Status.fromCodeValue(response.getErrorResponse().getErrorCode())
          .withDescription(response.getErrorResponse().getErrorMessage())
          .asRuntimeException();
    }
    Map<String, FileDescriptorProto> files = new HashMap<>();
    for (ByteString bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      try {
        FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
        files.put(file.getName(), file);
      } catch (InvalidProtocolBufferException e) {
        throw Status.INTERNAL
            .withDescription("the server's reflection sent a malformed descriptor")
            .asRuntimeException();
      }
    }
    return files;
  }

  /** Builds {@code file} after its dependencies, each once. */
  private static FileDescriptor build(
      FileDescriptorProto file,
      Map<String, FileDescriptorProto> files,
      Map<String, FileDescriptor> built) {
    FileDescriptor done = built.get(file.getName());
    if (done != null) {
      return done;
    }
    FileDescriptor[] dependencies = new FileDescriptor[file.getDependencyCount()];
    for (int i = 0; i < dependencies.length; i++) {
      FileDescriptorProto dependency = files.get(file.getDependency(i));
      if (dependency == null) {
        throw Status.INTERNAL
            .withDescription("the server's reflection left out " + file.getDependency(i))
            .asRuntimeException();
      }
      dependencies[i] = build(dependency, files, built);
    }
    try {
      FileDescriptor descriptor = FileDescriptor.buildFrom(file, dependencies);
      built.put(file.getName(), descriptor);
      return descriptor;
    } catch (DescriptorValidationException e) {
      throw Status.INTERNAL
          .withDescription("the server's reflection sent an invalid descriptor: " + e.getMessage())
          .asRuntimeException();
    }
  }
}
