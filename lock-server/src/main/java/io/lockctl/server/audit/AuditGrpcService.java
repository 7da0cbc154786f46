package io.lockctl.server.audit;

import com.google.protobuf.ByteString;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.lockctl.core.audit.AuditEntry;
import io.lockctl.core.audit.AuditPublicKey;
import io.lockctl.core.audit.AuditVerification;
import io.lockctl.core.audit.SignedCheckpoint;
import io.lockctl.core.auditlog.AuditListQuery;
import io.lockctl.core.auditlog.AuditLogService;
import io.lockctl.core.paging.Page;
import io.lockctl.core.watch.ChangedResource;
import io.lockctl.core.watch.LockEvent;
import io.lockctl.core.watch.LockEventService;
import io.lockctl.core.watch.WatchFilter;
import io.lockctl.server.replication.ReplicationMessages;
import io.lockctl.server.rpc.CallExecutor;
import io.lockctl.server.rpc.Mutations;
import io.lockctl.server.rpc.ProtoTime;
import io.lockctl.server.rpc.ResponseCap;
import io.lockctl.server.rpc.UnaryCalls;
import io.lockctl.server.rule.RuleMessages;
import io.lockctl.server.snapshot.SnapshotMessages;
import io.lockctl.v1.AuditRecord;
import io.lockctl.v1.AuditServiceGrpc;
import io.lockctl.v1.GetAuditCheckpointRequest;
import io.lockctl.v1.GetAuditCheckpointResponse;
import io.lockctl.v1.GetAuditConsistencyProofRequest;
import io.lockctl.v1.GetAuditConsistencyProofResponse;
import io.lockctl.v1.GetAuditInclusionProofRequest;
import io.lockctl.v1.GetAuditInclusionProofResponse;
import io.lockctl.v1.GetAuditPublicKeyRequest;
import io.lockctl.v1.GetAuditPublicKeyResponse;
import io.lockctl.v1.ListAuditEventsRequest;
import io.lockctl.v1.ListAuditEventsResponse;
import io.lockctl.v1.VerifyAuditRequest;
import io.lockctl.v1.VerifyAuditResponse;
import io.lockctl.v1.WatchLockEventsRequest;
import io.lockctl.v1.WatchLockEventsResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.OptionalLong;

/** lockctl.v1.AuditService over {@link AuditLogService}: translation only. */
public final class AuditGrpcService extends AuditServiceGrpc.AuditServiceImplBase {
  private final AuditLogService audit;
  private final LockEventService lockEvents;
  private final UnaryCalls calls;
  private final ResponseCap responseCap;
  private final CallExecutor executor;
  private final RecentResponses responses = new RecentResponses(AuditGrpcService::toProto);

  @Inject
  AuditGrpcService(
      AuditLogService audit,
      LockEventService lockEvents,
      UnaryCalls calls,
      CallExecutor executor,
      ResponseCap responseCap) {
    this.audit = audit;
    this.lockEvents = lockEvents;
    this.calls = calls;
    this.executor = executor;
    this.responseCap = responseCap;
  }

  @Override
  public void listAuditEvents(
      ListAuditEventsRequest request, StreamObserver<ListAuditEventsResponse> observer) {
    calls.answer(
        observer,
        () ->
            audit.list(
                Mutations.caller(),
                new AuditListQuery(
                    request.getResourcePrefix(),
                    request.getPrincipal(),
                    request.getAction(),
                    request.hasStartTime()
                        ? ProtoTime.toInstant(request.getStartTime(), "start_time")
                        : null,
                    request.hasEndTime()
                        ? ProtoTime.toInstant(request.getEndTime(), "end_time")
                        : null,
                    request.getPageSize(),
                    request.getPageToken())),
        this::toListResponse);
  }

  @Override
  public void getAuditCheckpoint(
      GetAuditCheckpointRequest request, StreamObserver<GetAuditCheckpointResponse> observer) {
    calls.answer(observer, () -> audit.checkpoint(Mutations.caller()), AuditGrpcService::toProto);
  }

  @Override
  public void getAuditInclusionProof(
      GetAuditInclusionProofRequest request,
      StreamObserver<GetAuditInclusionProofResponse> observer) {
    calls.answer(
        observer,
        () -> audit.inclusion(Mutations.caller(), request.getIndex(), request.getTreeSize()),
        proof ->
            GetAuditInclusionProofResponse.newBuilder()
                .setLeafIndex(request.getIndex())
                .setTreeSize(proof.treeSize())
                .addAllHashes(hashes(proof.hashes()))
                .build());
  }

  @Override
  public void getAuditConsistencyProof(
      GetAuditConsistencyProofRequest request,
      StreamObserver<GetAuditConsistencyProofResponse> observer) {
    calls.answer(
        observer,
        () ->
            audit.consistency(
                Mutations.caller(), request.getFirstTreeSize(), request.getSecondTreeSize()),
        proof ->
            GetAuditConsistencyProofResponse.newBuilder()
                .setFirstTreeSize(request.getFirstTreeSize())
                .setSecondTreeSize(proof.treeSize())
                .addAllHashes(hashes(proof.hashes()))
                .build());
  }

  @Override
  public void verifyAudit(
      VerifyAuditRequest request, StreamObserver<VerifyAuditResponse> observer) {
    calls.answer(observer, () -> audit.verify(Mutations.caller()), AuditGrpcService::toProto);
  }

  @Override
  public void getAuditPublicKey(
      GetAuditPublicKeyRequest request, StreamObserver<GetAuditPublicKeyResponse> observer) {
    calls.answer(
        observer, () -> audit.publicKey(Mutations.caller()), key -> toProto(key, audit.origin()));
  }

  @Override
  public void watchLockEvents(
      WatchLockEventsRequest request, StreamObserver<WatchLockEventsResponse> observer) {
    var caller = Mutations.caller();
    WatchDelivery.start(
        (ServerCallStreamObserver<WatchLockEventsResponse>) observer,
        executor,
        listener ->
            lockEvents.watch(
                caller,
                request.getHasStartIndex()
                    ? OptionalLong.of(request.getStartIndex())
                    : OptionalLong.empty(),
                request.getStartIndex(),
                new WatchFilter(request.getResourcePrefix(), request.getAction()),
                listener),
        responses::of);
  }

  /** The record and the resource as the change left it, lock states as of the record's time. */
  static WatchLockEventsResponse toProto(LockEvent event) {
    AuditEntry entry = event.entry();
    WatchLockEventsResponse.Builder response =
        WatchLockEventsResponse.newBuilder().setRecord(toProto(entry));
    ChangedResource resource = event.resource();
    if (resource instanceof ChangedResource.SnapshotAfter after) {
      response.setSnapshot(SnapshotMessages.toProto(after.snapshot(), entry.time()));
    } else if (resource instanceof ChangedResource.RuleAfter after) {
      response.setRule(RuleMessages.toProto(after.rule(), entry.time()));
    } else if (resource instanceof ChangedResource.RelationshipAfter after) {
      response.setTargetRelationship(ReplicationMessages.toProto(after.relationship()));
    } else if (resource instanceof ChangedResource.LockKeyAfter after) {
      response.setLockKey(ReplicationMessages.toProto(after.key()));
    }
    return response.build();
  }

  /** The record as its canonical bytes encode it: the message the audit tree hashes. */
  static AuditRecord toProto(AuditEntry entry) {
    return AuditRecord.newBuilder()
        .setIndex(entry.index())
        .setTime(ProtoTime.toTimestamp(entry.time()))
        .setPrincipal(entry.principal())
        .setAction(entry.action())
        .setResource(entry.resource())
        .setRequestSha256(ByteString.copyFrom(entry.requestSha256()))
        .setOutcome(entry.outcome())
        .setClientToken(entry.clientToken())
        .build();
  }

  private ListAuditEventsResponse toListResponse(Page<AuditEntry> page) {
    ResponseCap.Capped<AuditRecord> capped = responseCap.fit(page, AuditGrpcService::toProto);
    return ListAuditEventsResponse.newBuilder()
        .addAllRecords(capped.items())
        .setNextPageToken(capped.nextPageToken())
        .build();
  }

  private static GetAuditCheckpointResponse toProto(SignedCheckpoint signed) {
    return GetAuditCheckpointResponse.newBuilder()
        .setTreeSize(signed.checkpoint().treeSize())
        .setRootHash(ByteString.copyFrom(signed.checkpoint().rootHash()))
        .setCheckpoint(signed.checkpoint().text())
        .setSignature(ByteString.copyFrom(signed.signature()))
        .setSignedNote(signed.signedNote())
        .build();
  }

  private static VerifyAuditResponse toProto(AuditVerification verification) {
    if (verification instanceof AuditVerification.Broken broken) {
      return VerifyAuditResponse.newBuilder()
          .setOk(false)
          .setFirstBadIndex(broken.firstBadIndex())
          .setDetail(broken.defect() + ": " + broken.detail())
          .build();
    }
    return VerifyAuditResponse.newBuilder()
        .setOk(true)
        .setTreeSize(((AuditVerification.Intact) verification).treeSize())
        .build();
  }

  private static GetAuditPublicKeyResponse toProto(AuditPublicKey key, String keyName) {
    return GetAuditPublicKeyResponse.newBuilder()
        .setPublicKeyPem(key.pem())
        .setKeyId(key.noteKeyIdHex(keyName))
        .setKeyName(keyName)
        .setVerifierKey(key.verifierKey(keyName))
        .build();
  }

  private static List<ByteString> hashes(List<byte[]> hashes) {
    return hashes.stream().map(ByteString::copyFrom).toList();
  }
}
