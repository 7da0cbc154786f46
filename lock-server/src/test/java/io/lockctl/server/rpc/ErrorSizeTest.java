package io.lockctl.server.rpc;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.server.DaggerServerComponent;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.testing.Refusals;
import io.lockctl.server.testing.Refusals.Refusal;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal fits in the 8 KiB of trailers a default client accepts. */
class ErrorSizeTest {
  private static final int CLIENT_TRAILER_LIMIT = 8 << 10;

  @TempDir Path dataDir;

  @Test
  void aTenThousandCharacterTagKeyIsQuotedAsAShortPrefix() throws Exception {
    LockctlServer server =
        DaggerServerComponent.factory()
            .create(new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(5)))
            .server();
    ManagedChannel channel =
        ManagedChannelBuilder.forAddress("127.0.0.1", server.start())
            .usePlaintext()
            .maxInboundMetadataSize(CLIENT_TRAILER_LIMIT)
            .build();
    try {
      String key = "k\n".repeat(5_000);

      Refusal refusal =
          assertInvalidField(
              "INVALID_PARAMETER",
              "tags[" + "k\\u000a".repeat(8) + "k...]",
              () ->
                  SnapshotServiceGrpc.newBlockingStub(channel)
                      .registerSnapshot(register(snapshotId(1)).putTags(key, "v").build()));

      assertTrue(refusal.status().getDescription().length() < 200, refusal.status()::toString);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void anyRejectionIsCutToFit() {
    List<FieldViolation> violations = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      violations.add(new FieldViolation("field_" + i + "é".repeat(500), "ü".repeat(1000)));
    }
    Rejection huge =
        new Rejection(
            Reason.INVALID_PARAMETER,
            "\u0000ä".repeat(10_000),
            Map.of("value", "ö".repeat(10_000)),
            violations);

    StatusRuntimeException status = StatusErrors.toStatus(huge);

    assertTrue(trailerBytes(status) < CLIENT_TRAILER_LIMIT, () -> trailerBytes(status) + " bytes");
    Refusal refusal = Refusals.refusal(status);
    assertEquals("INVALID_PARAMETER", refusal.errorInfo().getReason());
    assertTrue(refusal.status().getDescription().contains("more fields"));
    assertFalse(refusal.status().getDescription().contains("\u0000"), "control characters escaped");
  }

  @Test
  void aRejectionThatFitsIsLeftAsItIs() {
    Rejection small =
        Rejection.invalidField(Reason.INVALID_PARAMETER, "region_id", "x".repeat(900));

    Refusal refusal = Refusals.refusal(StatusErrors.toStatus(small));

    assertEquals("region_id: " + "x".repeat(900), refusal.status().getDescription());
    assertEquals(
        "x".repeat(900), refusal.badRequest().orElseThrow().getFieldViolations(0).getDescription());
  }

  /** What the trailers cost on the wire: the message percent-encoded, the details in base64. */
  private static int trailerBytes(StatusRuntimeException status) {
    Metadata trailers = status.getTrailers();
    int bytes = 0;
    for (String name : trailers.keys()) {
      if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
        byte[] value = trailers.get(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER));
        bytes += name.length() + (value.length + 2) / 3 * 4;
      }
    }
    return bytes
        + ErrorBudget.percentEncodedBytes(status.getStatus().getDescription())
        + "grpc-message".length();
  }
}
