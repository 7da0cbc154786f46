package io.lockctl.client;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.lockctl.v1.CreateLockKeyRequest;
import io.lockctl.v1.CreateLockKeyResponse;
import io.lockctl.v1.CreatePolicySnapshotRequest;
import io.lockctl.v1.CreatePolicySnapshotResponse;
import io.lockctl.v1.CreateRuleRequest;
import io.lockctl.v1.CreateRuleResponse;
import io.lockctl.v1.CreateTargetRelationshipRequest;
import io.lockctl.v1.CreateTargetRelationshipResponse;
import io.lockctl.v1.DeleteLockKeyRequest;
import io.lockctl.v1.DeleteLockKeyResponse;
import io.lockctl.v1.DeleteRuleRequest;
import io.lockctl.v1.DeleteRuleResponse;
import io.lockctl.v1.DeleteSnapshotRequest;
import io.lockctl.v1.DeleteSnapshotResponse;
import io.lockctl.v1.DeleteTargetRelationshipRequest;
import io.lockctl.v1.DeleteTargetRelationshipResponse;
import io.lockctl.v1.DescribeLockedSnapshotsRequest;
import io.lockctl.v1.DescribeLockedSnapshotsResponse;
import io.lockctl.v1.GetLockKeyRequest;
import io.lockctl.v1.GetLockKeyResponse;
import io.lockctl.v1.GetRuleRequest;
import io.lockctl.v1.GetRuleResponse;
import io.lockctl.v1.GetSnapshotRequest;
import io.lockctl.v1.GetSnapshotResponse;
import io.lockctl.v1.GetSnapshotUnlockChallengeRequest;
import io.lockctl.v1.GetSnapshotUnlockChallengeResponse;
import io.lockctl.v1.GetTargetRelationshipLockRequest;
import io.lockctl.v1.GetTargetRelationshipLockResponse;
import io.lockctl.v1.GetTargetRelationshipRequest;
import io.lockctl.v1.GetTargetRelationshipResponse;
import io.lockctl.v1.ListLockKeyUsagesRequest;
import io.lockctl.v1.ListLockKeyUsagesResponse;
import io.lockctl.v1.ListLockKeysRequest;
import io.lockctl.v1.ListLockKeysResponse;
import io.lockctl.v1.ListRulesRequest;
import io.lockctl.v1.ListRulesResponse;
import io.lockctl.v1.ListSnapshotsRequest;
import io.lockctl.v1.ListSnapshotsResponse;
import io.lockctl.v1.ListTargetRelationshipsRequest;
import io.lockctl.v1.ListTargetRelationshipsResponse;
import io.lockctl.v1.LockRuleRequest;
import io.lockctl.v1.LockRuleResponse;
import io.lockctl.v1.LockSnapshotRequest;
import io.lockctl.v1.LockSnapshotResponse;
import io.lockctl.v1.RegisterSnapshotRequest;
import io.lockctl.v1.RegisterSnapshotResponse;
import io.lockctl.v1.ReplicationServiceGrpc;
import io.lockctl.v1.RestoreSnapshotRequest;
import io.lockctl.v1.RestoreSnapshotResponse;
import io.lockctl.v1.RetentionRuleServiceGrpc;
import io.lockctl.v1.ReverseTargetRelationshipRequest;
import io.lockctl.v1.ReverseTargetRelationshipResponse;
import io.lockctl.v1.RevertTargetRelationshipRequest;
import io.lockctl.v1.RevertTargetRelationshipResponse;
import io.lockctl.v1.SetTargetRelationshipLockRequest;
import io.lockctl.v1.SetTargetRelationshipLockResponse;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import io.lockctl.v1.UnlockRuleRequest;
import io.lockctl.v1.UnlockRuleResponse;
import io.lockctl.v1.UnlockSnapshotRequest;
import io.lockctl.v1.UnlockSnapshotResponse;
import io.lockctl.v1.UpdateLockKeyRequest;
import io.lockctl.v1.UpdateLockKeyResponse;
import io.lockctl.v1.UpdateRuleRequest;
import io.lockctl.v1.UpdateRuleResponse;
import io.lockctl.v1.UpdateSnapshotRequest;
import io.lockctl.v1.UpdateSnapshotResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A blocking lockctl client: one method per RPC, each taking and returning the generated messages.
 *
 * <p>Every call gets the default deadline, which bounds the call as a whole, retries included.
 * Calls that fail {@code UNAVAILABLE} are retried by the channel (see {@link RetryServiceConfig});
 * to make that safe for mutating calls, a request whose {@code client_token} is empty is sent with
 * a random one (see {@link ClientTokens}), which every attempt of the call reuses. A caller who
 * wants to retry a whole operation later (after this method threw) sets its own token and sends the
 * same request again. Dry runs get a token too: they persist nothing and do not use it up, so they
 * are as safe to retry as reads. Every failure is thrown as a {@link LockctlException}.
 */
public final class LockctlClient implements AutoCloseable {

  /** The header the server takes the caller's identity from (idempotency tokens are per caller). */
  public static final Metadata.Key<String> CALLER_HEADER =
      Metadata.Key.of("lockctl-caller", Metadata.ASCII_STRING_MARSHALLER);

  /** The services this client calls; the retry policy covers exactly these. */
  static final List<ServiceDescriptor> SERVICES =
      List.of(
          SnapshotServiceGrpc.getServiceDescriptor(),
          SnapshotLockServiceGrpc.getServiceDescriptor(),
          RetentionRuleServiceGrpc.getServiceDescriptor(),
          ReplicationServiceGrpc.getServiceDescriptor());

  private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);

  private final Channel channel;
  private final ManagedChannel ownedChannel;
  private final Duration defaultDeadline;
  private final ClientTokens tokens;

  private LockctlClient(
      Channel channel, ManagedChannel ownedChannel, Duration defaultDeadline, ClientTokens tokens) {
    this.channel = channel;
    this.ownedChannel = ownedChannel;
    this.defaultDeadline = defaultDeadline;
    this.tokens = tokens;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The service config this client's own channels use, for callers that build the channel
   * themselves: {@code builder.defaultServiceConfig(LockctlClient.serviceConfig(4)).enableRetry()}.
   */
  public static Map<String, Object> serviceConfig(int maxAttempts) {
    return RetryServiceConfig.of(SERVICES, maxAttempts);
  }

  // SnapshotService

  public RegisterSnapshotResponse registerSnapshot(RegisterSnapshotRequest request) {
    return call(SnapshotServiceGrpc.getRegisterSnapshotMethod(), request);
  }

  public GetSnapshotResponse getSnapshot(GetSnapshotRequest request) {
    return call(SnapshotServiceGrpc.getGetSnapshotMethod(), request);
  }

  public ListSnapshotsResponse listSnapshots(ListSnapshotsRequest request) {
    return call(SnapshotServiceGrpc.getListSnapshotsMethod(), request);
  }

  public UpdateSnapshotResponse updateSnapshot(UpdateSnapshotRequest request) {
    return call(SnapshotServiceGrpc.getUpdateSnapshotMethod(), request);
  }

  public DeleteSnapshotResponse deleteSnapshot(DeleteSnapshotRequest request) {
    return call(SnapshotServiceGrpc.getDeleteSnapshotMethod(), request);
  }

  public RestoreSnapshotResponse restoreSnapshot(RestoreSnapshotRequest request) {
    return call(SnapshotServiceGrpc.getRestoreSnapshotMethod(), request);
  }

  // SnapshotLockService

  public LockSnapshotResponse lockSnapshot(LockSnapshotRequest request) {
    return call(SnapshotLockServiceGrpc.getLockSnapshotMethod(), request);
  }

  public UnlockSnapshotResponse unlockSnapshot(UnlockSnapshotRequest request) {
    return call(SnapshotLockServiceGrpc.getUnlockSnapshotMethod(), request);
  }

  public DescribeLockedSnapshotsResponse describeLockedSnapshots(
      DescribeLockedSnapshotsRequest request) {
    return call(SnapshotLockServiceGrpc.getDescribeLockedSnapshotsMethod(), request);
  }

  // RetentionRuleService

  public CreateRuleResponse createRule(CreateRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getCreateRuleMethod(), request);
  }

  public GetRuleResponse getRule(GetRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getGetRuleMethod(), request);
  }

  public ListRulesResponse listRules(ListRulesRequest request) {
    return call(RetentionRuleServiceGrpc.getListRulesMethod(), request);
  }

  public UpdateRuleResponse updateRule(UpdateRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getUpdateRuleMethod(), request);
  }

  public DeleteRuleResponse deleteRule(DeleteRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getDeleteRuleMethod(), request);
  }

  public LockRuleResponse lockRule(LockRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getLockRuleMethod(), request);
  }

  public UnlockRuleResponse unlockRule(UnlockRuleRequest request) {
    return call(RetentionRuleServiceGrpc.getUnlockRuleMethod(), request);
  }

  public GetSnapshotUnlockChallengeResponse getSnapshotUnlockChallenge(
      GetSnapshotUnlockChallengeRequest request) {
    return call(SnapshotLockServiceGrpc.getGetSnapshotUnlockChallengeMethod(), request);
  }

  // ReplicationService

  public CreateLockKeyResponse createLockKey(CreateLockKeyRequest request) {
    return call(ReplicationServiceGrpc.getCreateLockKeyMethod(), request);
  }

  public GetLockKeyResponse getLockKey(GetLockKeyRequest request) {
    return call(ReplicationServiceGrpc.getGetLockKeyMethod(), request);
  }

  public ListLockKeysResponse listLockKeys(ListLockKeysRequest request) {
    return call(ReplicationServiceGrpc.getListLockKeysMethod(), request);
  }

  public UpdateLockKeyResponse updateLockKey(UpdateLockKeyRequest request) {
    return call(ReplicationServiceGrpc.getUpdateLockKeyMethod(), request);
  }

  public DeleteLockKeyResponse deleteLockKey(DeleteLockKeyRequest request) {
    return call(ReplicationServiceGrpc.getDeleteLockKeyMethod(), request);
  }

  public ListLockKeyUsagesResponse listLockKeyUsages(ListLockKeyUsagesRequest request) {
    return call(ReplicationServiceGrpc.getListLockKeyUsagesMethod(), request);
  }

  public CreateTargetRelationshipResponse createTargetRelationship(
      CreateTargetRelationshipRequest request) {
    return call(ReplicationServiceGrpc.getCreateTargetRelationshipMethod(), request);
  }

  public GetTargetRelationshipResponse getTargetRelationship(GetTargetRelationshipRequest request) {
    return call(ReplicationServiceGrpc.getGetTargetRelationshipMethod(), request);
  }

  public ListTargetRelationshipsResponse listTargetRelationships(
      ListTargetRelationshipsRequest request) {
    return call(ReplicationServiceGrpc.getListTargetRelationshipsMethod(), request);
  }

  public DeleteTargetRelationshipResponse deleteTargetRelationship(
      DeleteTargetRelationshipRequest request) {
    return call(ReplicationServiceGrpc.getDeleteTargetRelationshipMethod(), request);
  }

  public ReverseTargetRelationshipResponse reverseTargetRelationship(
      ReverseTargetRelationshipRequest request) {
    return call(ReplicationServiceGrpc.getReverseTargetRelationshipMethod(), request);
  }

  public RevertTargetRelationshipResponse revertTargetRelationship(
      RevertTargetRelationshipRequest request) {
    return call(ReplicationServiceGrpc.getRevertTargetRelationshipMethod(), request);
  }

  public SetTargetRelationshipLockResponse setTargetRelationshipLock(
      SetTargetRelationshipLockRequest request) {
    return call(ReplicationServiceGrpc.getSetTargetRelationshipLockMethod(), request);
  }

  public GetTargetRelationshipLockResponse getTargetRelationshipLock(
      GetTargetRelationshipLockRequest request) {
    return call(ReplicationServiceGrpc.getGetTargetRelationshipLockMethod(), request);
  }

  public CreatePolicySnapshotResponse createPolicySnapshot(CreatePolicySnapshotRequest request) {
    return call(ReplicationServiceGrpc.getCreatePolicySnapshotMethod(), request);
  }

  private <Req extends Message, Resp> Resp call(MethodDescriptor<Req, Resp> method, Req request) {
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(defaultDeadline.toNanos(), TimeUnit.NANOSECONDS);
    try {
      return ClientCalls.blockingUnaryCall(channel, method, options, tokens.fill(request));
    } catch (StatusRuntimeException e) {
      throw LockctlException.from(e);
    }
  }

  /**
   * Closes the channel this client opened; a channel passed to {@link Builder#channel} is left
   * open.
   */
  @Override
  public void close() {
    if (ownedChannel == null) {
      return;
    }
    ownedChannel.shutdown();
    try {
      if (!ownedChannel.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        ownedChannel.shutdownNow();
      }
    } catch (InterruptedException e) {
      ownedChannel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Configures a {@link LockctlClient}; give it exactly one of {@link #target} and {@link
   * #channel}.
   */
  public static final class Builder {

    private String target;
    private Channel channel;
    private Duration defaultDeadline = Duration.ofSeconds(10);
    private int maxAttempts = 4;
    private String caller;

    private Builder() {}

    /**
     * A gRPC target such as "localhost:50051"; the client opens, configures and closes the channel.
     */
    public Builder target(String target) {
      this.target = Objects.requireNonNull(target, "target");
      return this;
    }

    /**
     * An existing channel, which the client neither configures nor closes. Retries then depend on
     * how that channel was built (see {@link LockctlClient#serviceConfig}); tokens are still
     * filled.
     */
    public Builder channel(Channel channel) {
      this.channel = Objects.requireNonNull(channel, "channel");
      return this;
    }

    /** The deadline of every call, all attempts included. Default 10 seconds. */
    public Builder defaultDeadline(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException(
            "the default deadline must be positive, was " + deadline);
      }
      this.defaultDeadline = deadline;
      return this;
    }

    /**
     * Attempts per call in all, first one included, for channels opened by {@link #target}. Default
     * 4.
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Sent as the {@code lockctl-caller} header; the server scopes idempotency tokens by it. */
    public Builder caller(String caller) {
      this.caller = Objects.requireNonNull(caller, "caller");
      return this;
    }

    public LockctlClient build() {
      if ((target == null) == (channel == null)) {
        throw new IllegalStateException("set exactly one of target(...) and channel(...)");
      }
      ManagedChannel owned = null;
      Channel base = channel;
      if (target != null) {
        owned =
            ManagedChannelBuilder.forTarget(target)
                .usePlaintext()
                .disableServiceConfigLookUp() // ours is the policy; a resolver must not swap in
                // another
                .defaultServiceConfig(serviceConfig(maxAttempts))
                .maxRetryAttempts(maxAttempts)
                .enableRetry()
                .build();
        base = owned;
      }
      if (caller != null) {
        Metadata headers = new Metadata();
        headers.put(CALLER_HEADER, caller);
        base =
            ClientInterceptors.intercept(base, MetadataUtils.newAttachHeadersInterceptor(headers));
      }
      return new LockctlClient(base, owned, defaultDeadline, ClientTokens.randomUuids());
    }
  }
}
