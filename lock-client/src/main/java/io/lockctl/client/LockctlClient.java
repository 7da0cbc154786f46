package io.lockctl.client;

import com.google.protobuf.Message;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A blocking lockctl client: one method per RPC, each taking and returning the generated messages;
 * {@link #async()} makes the same calls returning futures.
 *
 * <p>Every call gets the default deadline, which bounds the call as a whole, retries included;
 * {@link #withDeadline} gives calls another. Calls that fail {@code UNAVAILABLE} are retried by the
 * channel (see {@link RetryServiceConfig}); to make that safe for mutating calls, a request whose
 * {@code client_token} is empty is sent with a random one (see {@link ClientTokens}), which every
 * attempt of the call reuses. A caller who wants to retry a whole operation later (after this
 * method threw) sets its own token and sends the same request again. Dry runs get a token too: they
 * persist nothing and do not use it up, so they are as safe to retry as reads. Every failure is
 * thrown as a {@link LockctlException}.
 *
 * <p>Security. A client built with {@link Builder#target} connects in plaintext unless given TLS
 * settings:
 *
 * <pre>{@code
 * LockctlClient.builder()
 *     .target("lockctl.example:50051")
 *     .trustedCertificates(Path.of("ca.pem"))           // TLS; without it, useTransportSecurity()
 *                                                       // trusts the system's CAs
 *     .clientCertificate(Path.of("client.pem"), Path.of("client.key"))   // mTLS
 *     .callCredentials(BearerTokenCredentials.fromFile(
 *         Path.of("/var/run/secrets/tokens/lockctl")))   // or bearerToken(() -> token)
 *     .build();
 * }</pre>
 *
 * The server verifies its certificate against the trusted CAs and the target's host name. Call
 * credentials (a bearer token) are sent only over TLS: {@link Builder#build} refuses them for a
 * plaintext target, and a call on a connection without privacy fails UNAUTHENTICATED without
 * sending them, unless {@link Builder#allowCredentialsOverPlaintext()}. A server that authenticates
 * callers refuses a call without valid credentials with {@code UNAUTHENTICATED} (reason
 * "UNAUTHENTICATED") and ignores {@link Builder#caller}.
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
  private final CallCredentials callCredentials;

  private LockctlClient(
      Channel channel,
      ManagedChannel ownedChannel,
      Duration defaultDeadline,
      ClientTokens tokens,
      CallCredentials callCredentials) {
    this.channel = channel;
    this.ownedChannel = ownedChannel;
    this.defaultDeadline = defaultDeadline;
    this.tokens = tokens;
    this.callCredentials = callCredentials;
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

  /**
   * This client with another deadline for each call made through it, e.g. {@code
   * client.withDeadline(Duration.ofSeconds(2)).lockSnapshot(request)}. It shares this client's
   * channel, tokens and credentials; closing it does nothing (close this client).
   */
  public LockctlClient withDeadline(Duration deadline) {
    return new LockctlClient(channel, null, Builder.positive(deadline), tokens, callCredentials);
  }

  /**
   * The same calls, returning {@link java.util.concurrent.CompletableFuture}s; with this client's
   * channel, deadline, tokens and credentials.
   */
  public AsyncLockctlClient async() {
    return new AsyncLockctlClient(this);
  }

  private <Req extends Message, Resp> Resp call(MethodDescriptor<Req, Resp> method, Req request) {
    try {
      return ClientCalls.blockingUnaryCall(channel, method, callOptions(), tokens.fill(request));
    } catch (StatusRuntimeException e) {
      throw LockctlException.from(e);
    }
  }

  Channel channel() {
    return channel;
  }

  /** The options of a call starting now: its deadline counts from here. */
  CallOptions callOptions() {
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(defaultDeadline.toNanos(), TimeUnit.NANOSECONDS);
    return callCredentials == null ? options : options.withCallCredentials(callCredentials);
  }

  /** {@code request}, with a random {@code client_token} if it is a mutation without one. */
  <Req extends Message> Req withToken(Req request) {
    return tokens.fill(request);
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
    private boolean transportSecurity;
    private byte[] trustedCertificates;
    private byte[] clientCertificateChain;
    private byte[] clientPrivateKey;
    private CallCredentials callCredentials;
    private boolean credentialsOverPlaintext;

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

    /**
     * The deadline of every call, all attempts included, unless a call is made through {@link
     * LockctlClient#withDeadline}. Default 10 seconds.
     */
    public Builder defaultDeadline(Duration deadline) {
      this.defaultDeadline = positive(deadline);
      return this;
    }

    static Duration positive(Duration deadline) {
      if (deadline.isNegative() || deadline.isZero()) {
        throw new IllegalArgumentException("a deadline must be positive, was " + deadline);
      }
      return deadline;
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

    /**
     * Sent as the {@code lockctl-caller} header; a server that does not authenticate callers scopes
     * idempotency tokens by it. A server that authenticates callers ignores it.
     */
    public Builder caller(String caller) {
      this.caller = Objects.requireNonNull(caller, "caller");
      return this;
    }

    /**
     * Connects with TLS, trusting the system's CA certificates unless {@link #trustedCertificates}
     * names others. The TLS settings apply to {@link #target} only.
     */
    public Builder useTransportSecurity() {
      this.transportSecurity = true;
      return this;
    }

    /** Connects with TLS and trusts the server certificates these PEM CA certificates issued. */
    public Builder trustedCertificates(Path pemFile) {
      return trustedCertificates(read(pemFile, "trusted certificates"));
    }

    /**
     * Connects with TLS and trusts these PEM CA certificates; reads the stream to its end now (and
     * leaves it open).
     */
    public Builder trustedCertificates(InputStream pem) {
      return trustedCertificates(read(pem, "trusted certificates"));
    }

    /**
     * Connects with TLS and presents this client certificate (mTLS): a PEM chain, leaf first, and
     * its PEM PKCS#8 private key.
     */
    public Builder clientCertificate(Path certificateChainPem, Path privateKeyPem) {
      return clientCertificate(
          read(certificateChainPem, "client certificate"), read(privateKeyPem, "private key"));
    }

    /** As {@link #clientCertificate(Path, Path)}, read from streams now (left open). */
    public Builder clientCertificate(InputStream certificateChainPem, InputStream privateKeyPem) {
      return clientCertificate(
          read(certificateChainPem, "client certificate"), read(privateKeyPem, "private key"));
    }

    /**
     * Credentials for every call, such as {@link BearerTokenCredentials}. They are sent only on
     * connections with TLS, unless {@link #allowCredentialsOverPlaintext()}.
     */
    public Builder callCredentials(CallCredentials credentials) {
      this.callCredentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Sends {@code authorization: Bearer <token>} with every call, asking {@code token} each time
     * (see {@link BearerTokenCredentials}); only over TLS unless {@link
     * #allowCredentialsOverPlaintext()}.
     */
    public Builder bearerToken(Supplier<String> token) {
      return callCredentials(new BearerTokenCredentials(token));
    }

    /**
     * Lets call credentials go over connections without TLS: only for a plaintext hop that is
     * private anyway, such as to a sidecar proxy on the same host that adds TLS.
     */
    public Builder allowCredentialsOverPlaintext() {
      this.credentialsOverPlaintext = true;
      return this;
    }

    private Builder trustedCertificates(byte[] pem) {
      this.trustedCertificates = pem;
      this.transportSecurity = true;
      return this;
    }

    private Builder clientCertificate(byte[] chain, byte[] key) {
      this.clientCertificateChain = chain;
      this.clientPrivateKey = key;
      this.transportSecurity = true;
      return this;
    }

    private static byte[] read(Path file, String what) {
      Objects.requireNonNull(file, what);
      try {
        return Files.readAllBytes(file);
      } catch (IOException unreadable) {
        throw new UncheckedIOException("cannot read the " + what + " in " + file, unreadable);
      }
    }

    private static byte[] read(InputStream stream, String what) {
      Objects.requireNonNull(stream, what);
      try {
        return stream.readAllBytes();
      } catch (IOException unreadable) {
        throw new UncheckedIOException("cannot read the " + what, unreadable);
      }
    }

    private ChannelCredentials channelCredentials() {
      if (!transportSecurity) {
        return InsecureChannelCredentials.create();
      }
      TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
      try {
        if (trustedCertificates != null) {
          tls.trustManager(new ByteArrayInputStream(trustedCertificates));
        }
        if (clientCertificateChain != null) {
          tls.keyManager(
              new ByteArrayInputStream(clientCertificateChain),
              new ByteArrayInputStream(clientPrivateKey));
        }
      } catch (IOException unreadable) {
        throw new UncheckedIOException(unreadable);
      }
      return tls.build();
    }

    public LockctlClient build() {
      if ((target == null) == (channel == null)) {
        throw new IllegalStateException("set exactly one of target(...) and channel(...)");
      }
      if (channel != null && transportSecurity) {
        throw new IllegalStateException(
            "TLS settings apply to target(...); build the channel with TLS yourself");
      }
      if (target != null
          && !transportSecurity
          && callCredentials != null
          && !credentialsOverPlaintext) {
        throw new IllegalStateException(
            "call credentials would go over plaintext: connect with TLS (useTransportSecurity(),"
                + " trustedCertificates(...)), or allowCredentialsOverPlaintext()");
      }
      ManagedChannel owned = null;
      Channel base = channel;
      if (target != null) {
        owned =
            Grpc.newChannelBuilder(target, channelCredentials())
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
      CallCredentials credentials =
          callCredentials == null || credentialsOverPlaintext
              ? callCredentials
              : new PrivateTransportOnly(callCredentials);
      return new LockctlClient(
          base, owned, defaultDeadline, ClientTokens.randomUuids(), credentials);
    }
  }
}
