package io.lockctl.cli;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.TypeRegistry;
import com.google.rpc.ErrorDetailsProto;
import io.lockctl.v1.AuditProto;
import io.lockctl.v1.BackupProto;
import io.lockctl.v1.ClockProto;
import io.lockctl.v1.ErrorsProto;
import io.lockctl.v1.ReplicationProto;
import io.lockctl.v1.RetentionRuleProto;
import io.lockctl.v1.SnapshotLockProto;
import io.lockctl.v1.SnapshotProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lockctl.v1 services as lock-api's generated descriptors describe them: how {@code lockctl
 * call} finds a method by name and reads and writes its messages without generated classes.
 */
final class Schema {
  /** A proto file added to proto/lockctl/v1 is added here to be callable by name. */
  private static final List<FileDescriptor> FILES =
      List.of(
          SnapshotProto.getDescriptor(),
          SnapshotLockProto.getDescriptor(),
          RetentionRuleProto.getDescriptor(),
          ReplicationProto.getDescriptor(),
          AuditProto.getDescriptor(),
          ClockProto.getDescriptor(),
          BackupProto.getDescriptor(),
          ErrorsProto.getDescriptor());

  private static final String PACKAGE = "lockctl.v1";

  private Schema() {}

  /** A method's name: its service's full name and the RPC's. */
  record MethodName(String service, String rpc) {
    /**
     * {@code Service/Rpc} or {@code Service.Rpc}, the service with or without its package ({@code
     * SnapshotService/GetSnapshot}, {@code lockctl.v1.SnapshotService/GetSnapshot}); a service
     * without a package is taken to be lockctl.v1's.
     */
    static Optional<MethodName> parse(String name) {
      int split = Math.max(name.lastIndexOf('/'), name.lastIndexOf('.'));
      if (split <= 0 || split == name.length() - 1) {
        return Optional.empty();
      }
      String service = name.substring(0, split);
      return Optional.of(
          new MethodName(
              service.contains(".") ? service : PACKAGE + "." + service,
              name.substring(split + 1)));
    }
  }

  /** The method this build's descriptors have under {@code name}. */
  static Optional<MethodDescriptor> method(MethodName name) {
    for (ServiceDescriptor candidate : services()) {
      if (candidate.getFullName().equals(name.service())) {
        return Optional.ofNullable(candidate.findMethodByName(name.rpc()));
      }
    }
    return Optional.empty();
  }

  /** Every RPC, as {@code lockctl.v1.Service/Rpc}. */
  static List<String> methodNames() {
    List<String> names = new ArrayList<>();
    for (ServiceDescriptor service : services()) {
      for (MethodDescriptor method : service.getMethods()) {
        names.add(service.getFullName() + "/" + method.getName());
      }
    }
    return names;
  }

  /** Resolves the {@code Any}s of error details when they are printed. */
  static TypeRegistry typeRegistry() {
    return TypeRegistry.newBuilder()
        .add(ErrorDetailsProto.getDescriptor().getMessageTypes())
        .build();
  }

  private static List<ServiceDescriptor> services() {
    List<ServiceDescriptor> services = new ArrayList<>();
    for (FileDescriptor file : FILES) {
      services.addAll(file.getServices());
    }
    return services;
  }
}
