package io.lockctl.server.audit;

import static io.lockctl.server.testing.Refusals.assertInvalidField;
import static io.lockctl.server.testing.Refusals.assertRefused;
import static io.lockctl.server.testing.Requests.deleteSnapshot;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.snapshotId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.CodedOutputStream;
import io.grpc.Status;
import io.lockctl.server.testing.InProcessLockctl;
import io.lockctl.v1.AuditRecord;
import io.lockctl.v1.GetAuditCheckpointRequest;
import io.lockctl.v1.GetAuditCheckpointResponse;
import io.lockctl.v1.GetAuditConsistencyProofRequest;
import io.lockctl.v1.GetAuditConsistencyProofResponse;
import io.lockctl.v1.GetAuditInclusionProofRequest;
import io.lockctl.v1.GetAuditInclusionProofResponse;
import io.lockctl.v1.GetAuditPublicKeyRequest;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.ListAuditEventsRequest;
import io.lockctl.v1.ListAuditEventsResponse;
import io.lockctl.v1.VerifyAuditRequest;
import io.lockctl.v1.VerifyAuditResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * lockctl.v1.AuditService in-process: what the other services' calls leave in the log, the
 * listing's filters and pages, and checkpoints and proofs checked with code written from RFC 6962
 * and RFC 9162 and the JDK's Ed25519, not with the server's.
 */
class AuditGrpcServiceTest {
  private static final String REGION_SNAPSHOTS = "lrn:lockctl:cn-hangzhou:snapshot/";

  @RegisterExtension final InProcessLockctl lockctl = new InProcessLockctl();

  @Test
  void acceptedAndRefusedMutationsAreRecordedButReadsAndDryRunsAreNot() {
    String id = snapshotId(1);
    lockctl.snapshotsAs("alice").registerSnapshot(register(id).setClientToken("t-1").build());
    lockctl.locksAs("alice").lockSnapshot(governance(id, 7).build());
    lockctl.locksAs("bob").lockSnapshot(governance(id, 9).setDryRun(true).build());
    lockctl
        .snapshotsAs("bob")
        .getSnapshot(
            GetSnapshotRequest.newBuilder().setRegionId("cn-hangzhou").setSnapshotId(id).build());
    assertRefused(
        Status.Code.FAILED_PRECONDITION,
        "SNAPSHOT_LOCKED",
        () -> lockctl.snapshotsAs("bob").deleteSnapshot(deleteSnapshot(id).build()));

    List<AuditRecord> records = listAll(ListAuditEventsRequest.getDefaultInstance());

    assertEquals(
        List.of(
            "0 alice lockctl:RegisterSnapshot OK t-1",
            "1 alice lockctl:LockSnapshot OK ",
            "2 bob lockctl:DeleteSnapshot SNAPSHOT_LOCKED "),
        records.stream()
            .map(
                r ->
                    r.getIndex()
                        + " "
                        + r.getPrincipal()
                        + " "
                        + r.getAction()
                        + " "
                        + r.getOutcome()
                        + " "
                        + r.getClientToken())
            .toList());
    records.forEach(r -> assertEquals(REGION_SNAPSHOTS + id, r.getResource()));
    records.forEach(r -> assertEquals(32, r.getRequestSha256().size()));
  }

  @Test
  void listingsFilterAndPageInIndexOrder() {
    for (int n = 1; n <= 5; n++) {
      String caller = n % 2 == 0 ? "alice" : "bob";
      lockctl.snapshotsAs(caller).registerSnapshot(register(snapshotId(n)).build());
      lockctl.locksAs(caller).lockSnapshot(governance(snapshotId(n), n).build());
    }

    assertEquals(10, listAll(ListAuditEventsRequest.newBuilder().setPageSize(3).build()).size());
    assertEquals(
        List.of(2L, 3L, 6L, 7L),
        indices(ListAuditEventsRequest.newBuilder().setPrincipal("alice").setPageSize(1).build()));
    assertEquals(
        List.of(1L, 3L, 5L, 7L, 9L),
        indices(ListAuditEventsRequest.newBuilder().setAction("lockctl:LockSnapshot").build()));
    assertEquals(
        List.of(4L, 5L),
        indices(
            ListAuditEventsRequest.newBuilder()
                .setResourcePrefix(REGION_SNAPSHOTS + snapshotId(3))
                .build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "page_size",
        () ->
            lockctl
                .audit()
                .listAuditEvents(ListAuditEventsRequest.newBuilder().setPageSize(-1).build()));
    assertRefused(
        Status.Code.INVALID_ARGUMENT,
        "INVALID_PAGE_TOKEN",
        () ->
            lockctl
                .audit()
                .listAuditEvents(
                    ListAuditEventsRequest.newBuilder().setPageToken("not-a-token").build()));
  }

  @Test
  void checkpointsAreSignedTreeHeadsOfTheListedRecords() throws Exception {
    writeSome(6);
    List<AuditRecord> records = listAll(ListAuditEventsRequest.getDefaultInstance());
    List<byte[]> leaves = new ArrayList<>();
    for (AuditRecord record : records) {
      leaves.add(deterministic(record));
    }

    GetAuditCheckpointResponse checkpoint =
        lockctl.audit().getAuditCheckpoint(GetAuditCheckpointRequest.getDefaultInstance());

    assertEquals(records.size(), checkpoint.getTreeSize());
    byte[] root = ReferenceMerkle.root(leaves, 0, leaves.size());
    assertArrayEquals(root, checkpoint.getRootHash().toByteArray());
    String[] lines = checkpoint.getCheckpoint().split("\n", -1);
    assertEquals(4, lines.length, checkpoint.getCheckpoint());
    assertTrue(lines[0].startsWith("lockctl/audit/"), lines[0]);
    assertEquals(Long.toString(records.size()), lines[1]);
    assertEquals(Base64.getEncoder().encodeToString(root), lines[2]);
    assertEquals("", lines[3]);
    Signature verifier = Signature.getInstance("Ed25519");
    verifier.initVerify(publicKey());
    verifier.update(checkpoint.getCheckpoint().getBytes(StandardCharsets.UTF_8));
    assertTrue(verifier.verify(checkpoint.getSignature().toByteArray()));
    assertTrue(checkpoint.getSignedNote().startsWith(checkpoint.getCheckpoint() + "\n\u2014 "));
  }

  @Test
  void everyInclusionAndConsistencyProofVerifiesAgainstTheCheckpoints() throws Exception {
    writeSome(3);
    GetAuditCheckpointResponse early =
        lockctl.audit().getAuditCheckpoint(GetAuditCheckpointRequest.getDefaultInstance());
    writeSome(4);
    GetAuditCheckpointResponse late =
        lockctl.audit().getAuditCheckpoint(GetAuditCheckpointRequest.getDefaultInstance());
    List<AuditRecord> records = listAll(ListAuditEventsRequest.getDefaultInstance());

    for (AuditRecord record : records) {
      GetAuditInclusionProofResponse proof =
          lockctl
              .audit()
              .getAuditInclusionProof(
                  GetAuditInclusionProofRequest.newBuilder()
                      .setIndex(record.getIndex())
                      .setTreeSize(late.getTreeSize())
                      .build());
      assertTrue(
          ReferenceMerkle.verifyInclusion(
              record.getIndex(),
              late.getTreeSize(),
              ReferenceMerkle.leafHash(deterministic(record)),
              proof.getHashesList(),
              late.getRootHash().toByteArray()),
          "inclusion of " + record.getIndex());
    }
    GetAuditConsistencyProofResponse consistency =
        lockctl
            .audit()
            .getAuditConsistencyProof(
                GetAuditConsistencyProofRequest.newBuilder()
                    .setFirstTreeSize(early.getTreeSize())
                    .setSecondTreeSize(late.getTreeSize())
                    .build());
    assertTrue(
        ReferenceMerkle.verifyConsistency(
            early.getTreeSize(),
            late.getTreeSize(),
            early.getRootHash().toByteArray(),
            late.getRootHash().toByteArray(),
            consistency.getHashesList()));
    assertFalse(
        ReferenceMerkle.verifyConsistency(
            early.getTreeSize(),
            late.getTreeSize(),
            late.getRootHash().toByteArray(),
            late.getRootHash().toByteArray(),
            consistency.getHashesList()),
        "the reference verifier tells a wrong root from the right one");

    VerifyAuditResponse verified =
        lockctl.audit().verifyAudit(VerifyAuditRequest.getDefaultInstance());
    assertTrue(verified.getOk(), verified.getDetail());
    assertEquals(late.getTreeSize(), verified.getTreeSize());
  }

  @Test
  void sizesAndIndicesBeyondTheLogAreInvalidFields() {
    writeSome(2);

    assertInvalidField(
        "INVALID_PARAMETER",
        "index",
        () ->
            lockctl
                .audit()
                .getAuditInclusionProof(
                    GetAuditInclusionProofRequest.newBuilder().setIndex(4).setTreeSize(4).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "tree_size",
        () ->
            lockctl
                .audit()
                .getAuditInclusionProof(
                    GetAuditInclusionProofRequest.newBuilder().setIndex(0).setTreeSize(5).build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "first_tree_size",
        () ->
            lockctl
                .audit()
                .getAuditConsistencyProof(
                    GetAuditConsistencyProofRequest.newBuilder()
                        .setFirstTreeSize(4)
                        .setSecondTreeSize(3)
                        .build()));
    assertInvalidField(
        "INVALID_PARAMETER",
        "second_tree_size",
        () ->
            lockctl
                .audit()
                .getAuditConsistencyProof(
                    GetAuditConsistencyProofRequest.newBuilder().setSecondTreeSize(5).build()));
  }

  /** Registers and locks {@code pairs} new snapshots: two records each. */
  private void writeSome(int pairs) {
    int first = listAll(ListAuditEventsRequest.getDefaultInstance()).size();
    for (int n = first; n < first + pairs; n++) {
      lockctl.snapshotsAs("alice").registerSnapshot(register(snapshotId(n)).build());
      lockctl.locksAs("alice").lockSnapshot(governance(snapshotId(n), 3).build());
    }
  }

  private List<AuditRecord> listAll(ListAuditEventsRequest request) {
    List<AuditRecord> records = new ArrayList<>();
    ListAuditEventsRequest next = request;
    while (true) {
      ListAuditEventsResponse page = lockctl.audit().listAuditEvents(next);
      records.addAll(page.getRecordsList());
      if (page.getNextPageToken().isEmpty()) {
        return records;
      }
      next = next.toBuilder().setPageToken(page.getNextPageToken()).build();
    }
  }

  private List<Long> indices(ListAuditEventsRequest request) {
    return listAll(request).stream().map(AuditRecord::getIndex).toList();
  }

  private PublicKey publicKey() throws Exception {
    String pem =
        lockctl
            .audit()
            .getAuditPublicKey(GetAuditPublicKeyRequest.getDefaultInstance())
            .getPublicKeyPem();
    String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("Ed25519")
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  private static byte[] deterministic(AuditRecord record) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.useDeterministicSerialization();
    record.writeTo(out);
    out.flush();
    return bytes.toByteArray();
  }
}
