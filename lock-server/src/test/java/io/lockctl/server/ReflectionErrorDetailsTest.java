package io.lockctl.server;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a reflection client (grpcurl, grpcui) can decode: it knows no lockctl or google.rpc types
 * and learns them all from the server's reflection service, over a real port.
 */
class ReflectionErrorDetailsTest {
  @TempDir Path dataDir;

  private LockctlServer server;
  private ManagedChannel channel;
  private Reflection reflection;

  @BeforeEach
  void start() throws Exception {
    server =
        DaggerServerComponent.factory()
            .create(new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5)))
            .server();
    int port = server.start();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    reflection = new Reflection(channel);
  }

  @AfterEach
  void stop() throws InterruptedException {
    reflection.close();
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop(Duration.ofSeconds(5));
  }

  @Test
  void errorInfoIsFoundByItsNameAsGrpcurlLooksUpAnAnysType() throws Exception {
    Map<String, FileDescriptorProto> files = new HashMap<>();
    reflection.fileContainingSymbol("google.rpc.ErrorInfo").forEach(f -> files.put(f.getName(), f));

    FileDescriptor errorDetails = new DescriptorPool(files).file("google/rpc/error_details.proto");

    assertNotNull(errorDetails.findMessageTypeByName("ErrorInfo"));
    assertNotNull(errorDetails.findMessageTypeByName("BadRequest"));
  }

  @Test
  void theDetailsOfARefusalDecodeWithTheServedDescriptorsAlone() throws Exception {
    DescriptorPool pool = new DescriptorPool(reflection.filesOfAllServices());
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                SnapshotServiceGrpc.newBlockingStub(channel)
                    .registerSnapshot(register(snapshotId(1)).setRegionId("Bad Region").build()));

    Map<String, DynamicMessage> details = decode(pool, refused);

    DynamicMessage errorInfo = details.get("google.rpc.ErrorInfo");
    assertNotNull(errorInfo, () -> "details decoded: " + details.keySet());
    assertEquals("INVALID_PARAMETER", field(errorInfo, "reason"));
    assertEquals("lockctl.v1", field(errorInfo, "domain"));
    DynamicMessage badRequest = details.get("google.rpc.BadRequest");
    assertNotNull(badRequest, () -> "details decoded: " + details.keySet());
    Object violations =
        badRequest.getField(badRequest.getDescriptorForType().findFieldByName("field_violations"));
    DynamicMessage first = (DynamicMessage) ((List<?>) violations).get(0);
    assertEquals("region_id", field(first, "field"));
  }

  @Test
  void theReasonNamesAValueOfTheServedErrorReasonEnum() throws Exception {
    DescriptorPool pool = new DescriptorPool(reflection.filesOfAllServices());
    StatusRuntimeException refused =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                SnapshotServiceGrpc.newBlockingStub(channel)
                    .getSnapshot(
                        GetSnapshotRequest.newBuilder()
                            .setRegionId(REGION)
                            .setSnapshotId(snapshotId(9))
                            .build()));

    String reason = field(decode(pool, refused).get("google.rpc.ErrorInfo"), "reason");

    EnumDescriptor reasons = pool.file("lockctl/v1/errors.proto").findEnumTypeByName("ErrorReason");
    assertEquals("SNAPSHOT_NOT_FOUND", reason);
    assertNotNull(reasons.findValueByName("ERROR_REASON_" + reason));
  }

  private static Map<String, DynamicMessage> decode(
      DescriptorPool pool, StatusRuntimeException refused) throws Exception {
    Map<String, DynamicMessage> decoded = new HashMap<>();
    for (Any detail : StatusProto.fromThrowable(refused).getDetailsList()) {
      String typeName = detail.getTypeUrl().substring(detail.getTypeUrl().lastIndexOf('/') + 1);
      Descriptor type = pool.message(typeName);
      decoded.put(typeName, DynamicMessage.parseFrom(type, detail.getValue()));
    }
    return decoded;
  }

  private static String field(DynamicMessage message, String name) {
    return (String) message.getField(message.getDescriptorForType().findFieldByName(name));
  }

  /** Descriptors built only from the file descriptor protos reflection returned. */
  private static final class DescriptorPool {
    private final Map<String, FileDescriptorProto> protos;
    private final Map<String, FileDescriptor> built = new HashMap<>();

    DescriptorPool(Map<String, FileDescriptorProto> protos) {
      this.protos = protos;
    }

    FileDescriptor file(String name) throws Exception {
      FileDescriptor file = built.get(name);
      if (file != null) {
        return file;
      }
      FileDescriptorProto proto = protos.get(name);
      assertNotNull(proto, () -> "reflection did not serve " + name);
      List<FileDescriptor> dependencies = new ArrayList<>();
      for (String dependency : proto.getDependencyList()) {
        dependencies.add(file(dependency));
      }
      file = FileDescriptor.buildFrom(proto, dependencies.toArray(FileDescriptor[]::new));
      built.put(name, file);
      return file;
    }

    Descriptor message(String fullName) throws Exception {
      for (String name : protos.keySet()) {
        FileDescriptor file = file(name);
        String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
        if (fullName.startsWith(prefix)) {
          Descriptor type = file.findMessageTypeByName(fullName.substring(prefix.length()));
          if (type != null) {
            return type;
          }
        }
      }
      throw new AssertionError(fullName + " is in none of the served files " + protos.keySet());
    }
  }

  /** A blocking client of grpc.reflection.v1, one request and answer at a time. */
  private static final class Reflection implements AutoCloseable {
    private final BlockingQueue<Object> answers = new LinkedBlockingQueue<>();
    private final StreamObserver<ServerReflectionRequest> requests;

    Reflection(ManagedChannel channel) {
      requests =
          ServerReflectionGrpc.newStub(channel)
              .serverReflectionInfo(
                  new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                      answers.add(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                      answers.add(failure);
                    }

                    @Override
                    public void onCompleted() {}
                  });
    }

    ServerReflectionResponse ask(ServerReflectionRequest request) throws Exception {
      requests.onNext(request);
      Object answer = answers.poll(10, TimeUnit.SECONDS);
      if (answer instanceof ServerReflectionResponse response) {
        assertTrue(
            !response.hasErrorResponse(),
            () -> request + " failed: " + response.getErrorResponse());
        return response;
      }
      throw new AssertionError("no answer to " + request + ": " + answer);
    }

    List<FileDescriptorProto> fileContainingSymbol(String symbol) throws Exception {
      return parse(
          ask(ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build())
              .getFileDescriptorResponse()
              .getFileDescriptorProtoList());
    }

    /** The files of every listed service, with everything they import. */
    Map<String, FileDescriptorProto> filesOfAllServices() throws Exception {
      Map<String, FileDescriptorProto> files = new HashMap<>();
      List<ServiceResponse> services =
          ask(ServerReflectionRequest.newBuilder().setListServices("").build())
              .getListServicesResponse()
              .getServiceList();
      for (ServiceResponse service : services) {
        fileContainingSymbol(service.getName()).forEach(f -> files.put(f.getName(), f));
      }
      return files;
    }

    private static List<FileDescriptorProto> parse(List<ByteString> encoded) throws Exception {
      List<FileDescriptorProto> files = new ArrayList<>();
      for (ByteString bytes : encoded) {
        files.add(FileDescriptorProto.parseFrom(bytes));
      }
      return files;
    }

    @Override
    public void close() {
      requests.onCompleted();
    }
  }
}
