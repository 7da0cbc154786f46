package io.lockctl.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Attributes;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens and the other call credentials: what is sent, and when it is not. */
class CallCredentialsTest {
  private static final GetSnapshotRequest GET =
      GetSnapshotRequest.newBuilder()
          .setRegionId("cn-hangzhou")
          .setSnapshotId("s-00000000000000000007")
          .build();

  @TempDir Path dir;

  private FakeLockctlServer server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    server = new FakeLockctlServer();
    channel = server.retryingChannel(4);
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  @Test
  void everyAttemptCarriesTheTokenTheSupplierGivesThen() {
    AtomicInteger renewals = new AtomicInteger();
    server.loseResponses("lockctl.v1.SnapshotService/GetSnapshot", 1);
    try (LockctlClient client =
        LockctlClient.builder()
            .channel(channel) // in-process: a private transport
            .bearerToken(() -> "token-" + renewals.incrementAndGet())
            .build()) {
      client.getSnapshot(GET);
    }

    assertEquals(2, server.attempts().size());
    assertEquals(
        "Bearer token-1",
        server.attempts().get(0).headers().get(BearerTokenCredentials.AUTHORIZATION));
    assertEquals(
        "Bearer token-2",
        server.attempts().get(1).headers().get(BearerTokenCredentials.AUTHORIZATION));
  }

  @Test
  void aTokenFileIsReadForEveryCall() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "first\n");
    try (LockctlClient client =
        LockctlClient.builder()
            .channel(channel)
            .callCredentials(BearerTokenCredentials.fromFile(file))
            .build()) {
      client.getSnapshot(GET);
      Files.writeString(file, "second\n");
      client.getSnapshot(GET);
    }

    assertEquals(
        "Bearer first",
        server.attempts().get(0).headers().get(BearerTokenCredentials.AUTHORIZATION));
    assertEquals(
        "Bearer second",
        server.attempts().get(1).headers().get(BearerTokenCredentials.AUTHORIZATION));
  }

  @Test
  void withoutATokenTheCallFailsUnauthenticatedAndIsNotSent() {
    try (LockctlClient client =
        LockctlClient.builder()
            .channel(channel)
            .bearerToken(
                () -> {
                  throw new IllegalStateException("token file missing");
                })
            .build()) {
      LockctlException refused =
          assertThrows(LockctlException.class, () -> client.getSnapshot(GET));

      assertEquals(Status.Code.UNAUTHENTICATED, refused.code());
      assertTrue(refused.getMessage().contains("token file missing"), refused::getMessage);
    }
    assertTrue(server.attempts().isEmpty());
  }

  @Test
  void aPlaintextTargetRefusesCredentialsUnlessAllowed() {
    IllegalStateException refused =
        assertThrows(
            IllegalStateException.class,
            () -> LockctlClient.builder().target("localhost:1").bearerToken(() -> "t").build());
    assertTrue(refused.getMessage().contains("plaintext"), refused::getMessage);

    LockctlClient.builder()
        .target("localhost:1")
        .bearerToken(() -> "t")
        .allowCredentialsOverPlaintext()
        .build()
        .close();
  }

  @Test
  void onAConnectionWithoutPrivacyCredentialsAreNotApplied() {
    AtomicInteger asked = new AtomicInteger();
    CallCredentials guarded =
        new PrivateTransportOnly(
            new BearerTokenCredentials(
                () -> {
                  asked.incrementAndGet();
                  return "secret";
                }));
    AtomicReference<Status> failed = new AtomicReference<>();
    AtomicReference<Metadata> applied = new AtomicReference<>();

    guarded.applyRequestMetadata(
        requestInfo(SecurityLevel.NONE), Runnable::run, applier(applied, failed));

    assertEquals(Status.Code.UNAUTHENTICATED, failed.get().getCode());
    assertEquals(null, applied.get());
    assertEquals(0, asked.get());

    guarded.applyRequestMetadata(
        requestInfo(SecurityLevel.PRIVACY_AND_INTEGRITY), Runnable::run, applier(applied, failed));
    assertEquals("Bearer secret", applied.get().get(BearerTokenCredentials.AUTHORIZATION));
  }

  @Test
  void tlsSettingsNeedATarget() {
    assertThrows(
        IllegalStateException.class,
        () -> LockctlClient.builder().channel(channel).useTransportSecurity().build());
  }

  @Test
  void anUnreadableTrustFileIsNamed() {
    Path missing = dir.resolve("missing-ca.pem");
    UncheckedIOException unreadable =
        assertThrows(
            UncheckedIOException.class,
            () -> LockctlClient.builder().target("localhost:1").trustedCertificates(missing));
    assertTrue(unreadable.getMessage().contains(missing.toString()), unreadable::getMessage);
    assertFalse(unreadable.getMessage().isEmpty());
  }

  private static CallCredentials.RequestInfo requestInfo(SecurityLevel level) {
    return new CallCredentials.RequestInfo() {
      @Override
      public MethodDescriptor<?, ?> getMethodDescriptor() {
        return SnapshotServiceGrpc.getGetSnapshotMethod();
      }

      @Override
      public SecurityLevel getSecurityLevel() {
        return level;
      }

      @Override
      public String getAuthority() {
        return "lockctl.example";
      }

      @Override
      public Attributes getTransportAttrs() {
        return Attributes.EMPTY;
      }
    };
  }

  private static CallCredentials.MetadataApplier applier(
      AtomicReference<Metadata> applied, AtomicReference<Status> failed) {
    return new CallCredentials.MetadataApplier() {
      @Override
      public void apply(Metadata headers) {
        applied.set(headers);
      }

      @Override
      public void fail(Status status) {
        failed.set(status);
      }
    };
  }
}
