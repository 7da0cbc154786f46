package io.lockctl.server.rpc;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.rpc.ErrorDetailsProto;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.protobuf.ProtoServiceDescriptorSupplier;
import io.lockctl.v1.ErrorsProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the error details of lockctl's calls visible through server reflection.
 *
 * <p>A failed call carries {@code google.rpc.ErrorInfo} and {@code google.rpc.BadRequest} packed in
 * {@code Any}s in its trailers, so no service's file imports the files that declare them. grpc-java
 * reflection serves only the files of the registered services and what they import, so a reflection
 * client (grpcurl) could not decode the details and showed them as base64. Each lockctl service's
 * file is therefore served as if it also imported {@code google/rpc/error_details.proto} and {@code
 * lockctl/v1/errors.proto} (the {@code ErrorReason} enum); nothing else of it changes.
 */
public final class ErrorDetailsReflection {
  private static final List<FileDescriptor> ERROR_FILES =
      List.of(ErrorDetailsProto.getDescriptor(), ErrorsProto.getDescriptor());

  private ErrorDetailsReflection() {}

  /** {@code definition}, its methods unchanged, with a schema that imports the error files. */
  public static ServerServiceDefinition withErrorDetails(ServerServiceDefinition definition) {
    io.grpc.ServiceDescriptor service = definition.getServiceDescriptor();
    if (!(service.getSchemaDescriptor() instanceof ProtoServiceDescriptorSupplier schema)) {
      return definition;
    }
    FileDescriptor file = importingErrorFiles(schema.getFileDescriptor());
    ServiceDescriptor protoService =
        file.findServiceByName(schema.getServiceDescriptor().getName());
    io.grpc.ServiceDescriptor.Builder reflected =
        io.grpc.ServiceDescriptor.newBuilder(service.getName())
            .setSchemaDescriptor(new Schema(file, protoService));
    service.getMethods().forEach(reflected::addMethod);
    ServerServiceDefinition.Builder rebuilt = ServerServiceDefinition.builder(reflected.build());
    definition.getMethods().forEach(rebuilt::addMethod);
    return rebuilt.build();
  }

  static FileDescriptor importingErrorFiles(FileDescriptor file) {
    FileDescriptorProto.Builder proto = file.toProto().toBuilder();
    List<FileDescriptor> dependencies = new ArrayList<>(file.getDependencies());
    for (FileDescriptor errorFile : ERROR_FILES) {
      if (!proto.getDependencyList().contains(errorFile.getName())) {
        proto.addDependency(errorFile.getName());
        dependencies.add(errorFile);
      }
    }
    try {
      return FileDescriptor.buildFrom(proto.build(), dependencies.toArray(FileDescriptor[]::new));
    } catch (DescriptorValidationException impossible) {
      // the file was valid and only gains imports
      throw new IllegalStateException(impossible);
    }
  }

  private record Schema(FileDescriptor file, ServiceDescriptor service)
      implements ProtoFileDescriptorSupplier, ProtoServiceDescriptorSupplier {
    @Override
    public FileDescriptor getFileDescriptor() {
      return file;
    }

    @Override
    public ServiceDescriptor getServiceDescriptor() {
      return service;
    }
  }
}
