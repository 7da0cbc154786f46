package io.lockctl.server.accesskey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.server.testing.Refusals;
import io.lockctl.v1.AccessKey;
import io.lockctl.v1.CreateAccessKeyRequest;
import io.lockctl.v1.CreateAccessKeyResponse;
import io.lockctl.v1.DeleteAccessKeyRequest;
import io.lockctl.v1.ListAccessKeysRequest;
import io.lockctl.v1.ListAuditEventsRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * lockctl.v1.AccessKeyService in-process: a key is made for a principal, its secret shown once and
 * stored only sealed, listed without it, deleted, and every change audited.
 */
class AccessKeyGrpcServiceTest {
  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  @Test
  void aKeyIsMadeListedAndDeletedAndItsSecretIsNeverStoredInPlainText() throws IOException {
    CreateAccessKeyResponse created =
        lockctl
            .accessKeysAs("ops")
            .createAccessKey(CreateAccessKeyRequest.newBuilder().setPrincipal("backup").build());
    AccessKey key = created.getAccessKey();

    assertTrue(key.getAccessKeyId().matches("LCAK[A-Z2-7]{16}"), key.getAccessKeyId());
    assertEquals("backup", key.getPrincipal());
    assertEquals(40, created.getSecretAccessKey().length());
    assertEquals(
        java.util.List.of(key),
        lockctl
            .accessKeys()
            .listAccessKeys(ListAccessKeysRequest.getDefaultInstance())
            .getAccessKeysList());
    assertEquals(
        0,
        lockctl
            .accessKeys()
            .listAccessKeys(ListAccessKeysRequest.newBuilder().setPrincipal("other").build())
            .getAccessKeysCount());
    assertFalse(
        dataDirContains(created.getSecretAccessKey()),
        "the secret is nowhere in the data directory");

    assertEquals(
        key,
        lockctl
            .accessKeys()
            .deleteAccessKey(
                DeleteAccessKeyRequest.newBuilder().setAccessKeyId(key.getAccessKeyId()).build())
            .getAccessKey());
    assertEquals(
        0,
        lockctl
            .accessKeys()
            .listAccessKeys(ListAccessKeysRequest.getDefaultInstance())
            .getAccessKeysCount());
    Refusals.assertRefused(
        Status.Code.NOT_FOUND,
        "ACCESS_KEY_NOT_FOUND",
        () ->
            lockctl
                .accessKeys()
                .deleteAccessKey(
                    DeleteAccessKeyRequest.newBuilder()
                        .setAccessKeyId(key.getAccessKeyId())
                        .build()));
    assertEquals(
        java.util.List.of("lockctl:CreateAccessKey", "lockctl:DeleteAccessKey"),
        lockctl
            .audit()
            .listAuditEvents(ListAuditEventsRequest.getDefaultInstance())
            .getRecordsList()
            .stream()
            .map(record -> record.getAction())
            .toList());
  }

  @Test
  void aReplayedTokenAnswersTheSameKeyAndSecretAndAMalformedPrincipalIsRefused() {
    CreateAccessKeyRequest request =
        CreateAccessKeyRequest.newBuilder().setPrincipal("backup").setClientToken("t-1").build();
    CreateAccessKeyResponse first = lockctl.accessKeys().createAccessKey(request);
    CreateAccessKeyResponse replay = lockctl.accessKeys().createAccessKey(request);
    CreateAccessKeyResponse other =
        lockctl.accessKeys().createAccessKey(request.toBuilder().setClientToken("t-2").build());

    assertEquals(first, replay);
    assertNotEquals(first.getSecretAccessKey(), other.getSecretAccessKey());
    Refusals.assertInvalidField(
        "INVALID_PARAMETER",
        "principal",
        () ->
            lockctl
                .accessKeys()
                .createAccessKey(CreateAccessKeyRequest.newBuilder().setPrincipal(" x").build()));
  }

  private boolean dataDirContains(String secret) throws IOException {
    byte[] needle = secret.getBytes(StandardCharsets.US_ASCII);
    try (Stream<Path> files = Files.walk(lockctl.dataDir())) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (indexOf(Files.readAllBytes(file), needle) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
