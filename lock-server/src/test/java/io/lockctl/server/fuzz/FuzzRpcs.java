package io.lockctl.server.fuzz;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.lockctl.server.testing.RawBytes;
import io.lockctl.v1.AccessKeyServiceGrpc;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.BackupServiceGrpc;
import io.lockctl.v1.ComplianceClockServiceGrpc;
import io.lockctl.v1.ReplicationServiceGrpc;
import io.lockctl.v1.RetentionRuleServiceGrpc;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every RPC of every lockctl service, as generated from proto/, each with a twin descriptor that
 * sends and receives raw bytes: a fuzzed request reaches the server's own parser unchanged, valid
 * or not.
 */
final class FuzzRpcs {
  /** One RPC: its typed descriptor's prototypes, and the raw-bytes descriptor the fuzzer calls. */
  record Rpc(
      String service,
      String name,
      MethodDescriptor.MethodType type,
      Message requestPrototype,
      Message responsePrototype,
      MethodDescriptor<byte[], byte[]> raw) {}

  /** The lockctl services, in the order of the fuzz targets. */
  static final List<ServiceDescriptor> SERVICES =
      List.of(
          SnapshotServiceGrpc.getServiceDescriptor(),
          SnapshotLockServiceGrpc.getServiceDescriptor(),
          RetentionRuleServiceGrpc.getServiceDescriptor(),
          ReplicationServiceGrpc.getServiceDescriptor(),
          AuditServiceGrpc.getServiceDescriptor(),
          BackupServiceGrpc.getServiceDescriptor(),
          ComplianceClockServiceGrpc.getServiceDescriptor(),
          AccessKeyServiceGrpc.getServiceDescriptor());

  private static final Map<String, List<Rpc>> BY_SERVICE = new LinkedHashMap<>();
  private static final Map<String, Rpc> BY_NAME = new LinkedHashMap<>();

  static {
    for (ServiceDescriptor service : SERVICES) {
      List<Rpc> rpcs =
          service.getMethods().stream()
              .sorted((a, b) -> a.getFullMethodName().compareTo(b.getFullMethodName()))
              .map(FuzzRpcs::rpc)
              .toList();
      BY_SERVICE.put(service.getName(), rpcs);
      for (Rpc rpc : rpcs) {
        if (BY_NAME.put(rpc.name(), rpc) != null) {
          throw new IllegalStateException("two RPCs named " + rpc.name());
        }
      }
    }
  }

  private FuzzRpcs() {}

  /** The RPCs of a service (e.g. {@code lockctl.v1.SnapshotService}), in name order. */
  static List<Rpc> of(String service) {
    List<Rpc> rpcs = BY_SERVICE.get(service);
    if (rpcs == null) {
      throw new IllegalArgumentException("no service " + service);
    }
    return rpcs;
  }

  static Rpc byName(String bareName) {
    Rpc rpc = BY_NAME.get(bareName);
    if (rpc == null) {
      throw new IllegalArgumentException("no RPC " + bareName);
    }
    return rpc;
  }

  static Map<String, List<Rpc>> all() {
    return BY_SERVICE;
  }

  private static Rpc rpc(MethodDescriptor<?, ?> typed) {
    MethodDescriptor<byte[], byte[]> raw =
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(typed.getType())
            .setFullMethodName(typed.getFullMethodName())
            .setRequestMarshaller(RawBytes.MARSHALLER)
            .setResponseMarshaller(RawBytes.MARSHALLER)
            .build();
    return new Rpc(
        typed.getServiceName(),
        typed.getBareMethodName(),
        typed.getType(),
        prototype(typed.getRequestMarshaller()),
        prototype(typed.getResponseMarshaller()),
        raw);
  }

  private static Message prototype(MethodDescriptor.Marshaller<?> marshaller) {
    return (Message) ((MethodDescriptor.PrototypeMarshaller<?>) marshaller).getMessagePrototype();
  }
}
