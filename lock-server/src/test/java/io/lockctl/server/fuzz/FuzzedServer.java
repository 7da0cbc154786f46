package io.lockctl.server.fuzz;

import static io.lockctl.server.testing.Requests.REGION;
import static io.lockctl.server.testing.Requests.compliance;
import static io.lockctl.server.testing.Requests.deleteSnapshot;
import static io.lockctl.server.testing.Requests.governance;
import static io.lockctl.server.testing.Requests.lock;
import static io.lockctl.server.testing.Requests.lockRule;
import static io.lockctl.server.testing.Requests.regionRule;
import static io.lockctl.server.testing.Requests.register;
import static io.lockctl.server.testing.Requests.relationship;
import static io.lockctl.server.testing.Requests.snapshotId;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.lockctl.server.DaggerServerComponent;
import io.lockctl.server.LockctlServer;
import io.lockctl.server.ServerConfig;
import io.lockctl.server.rpc.CallerInterceptor;
import io.lockctl.server.testing.LockKeyHolder;
import io.lockctl.server.testing.TempDirs;
import io.lockctl.v1.AccessKeyServiceGrpc;
import io.lockctl.v1.CreateAccessKeyRequest;
import io.lockctl.v1.CreateBackupRequest;
import io.lockctl.v1.LockKey;
import io.lockctl.v1.LockMode;
import io.lockctl.v1.ReplicationServiceGrpc;
import io.lockctl.v1.RetentionRuleServiceGrpc;
import io.lockctl.v1.SetTargetRelationshipLockRequest;
import io.lockctl.v1.SnapshotLockServiceGrpc;
import io.lockctl.v1.SnapshotServiceGrpc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The production server (Netty on a loopback port, the embedded SQLite store in a temp dir) with a
 * few resources to aim at, and the harness that sends it one fuzzed call at a time and judges the
 * answer by {@link Oracle}.
 *
 * <p>An input is {@code [rpc, mode, bytes...]}: the first byte picks an RPC of the service, the
 * second says what to send. With an even mode the rest is the request, as it is; with an odd one it
 * is appended to a valid template of that RPC (a protobuf parser merges the two, so the rest
 * overrides or adds fields of a request that already names existing resources).
 */
final class FuzzedServer implements AutoCloseable {
  static final String CALLER = "fuzzer";
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** How long a stream (WatchLockEvents) may run before the harness cancels it. */
  private static final Duration STREAM_WINDOW = Duration.ofMillis(100);

  private final Path root;
  private final Path dataDir;
  private final Path backupDir;
  private final LockctlServer server;
  private final ManagedChannel managedChannel;
  private final Channel channel;
  private final StoreDigest digest;
  private final Templates.Fixtures fixtures;
  private final Map<String, List<byte[]>> templates;
  private long calls;

  /**
   * The store as the last call left it: nothing else changes a domain table or the audit log
   * between two calls of the harness, so it is the next call's "before".
   */
  private StoreDigest.State last;

  /** Held so that the levels set here stay set (the log manager keeps loggers weakly). */
  private final List<Logger> quieted = new ArrayList<>();

  private final List<Level> levels = new ArrayList<>();

  /** A call's end: its status and trailers, and the messages it answered. */
  record Outcome(Status status, Metadata trailers, List<byte[]> responses) {}

  private FuzzedServer() throws Exception {
    // Thousands of refusals, each logged at most once per interval, would flood the test output;
    // the oracle judges every answer without them.
    for (String name : List.of("io.lockctl", "io.grpc")) {
      Logger logger = Logger.getLogger(name);
      quieted.add(logger);
      levels.add(logger.getLevel());
      logger.setLevel(Level.SEVERE);
    }
    root = Files.createTempDirectory(scratch(), "lockctl-fuzz");
    dataDir = Files.createDirectories(root.resolve("data"));
    backupDir = Files.createDirectories(root.resolve("backups"));
    server =
        DaggerServerComponent.factory()
            .create(new ServerConfig("127.0.0.1", 0, dataDir, Duration.ofSeconds(2)))
            .server();
    int port = server.start();
    managedChannel =
        NettyChannelBuilder.forAddress("127.0.0.1", port)
            .usePlaintext()
            .maxInboundMessageSize(64 << 20)
            .build();
    Metadata caller = new Metadata();
    caller.put(CallerInterceptor.HEADER, CALLER);
    channel =
        ClientInterceptors.intercept(
            managedChannel, MetadataUtils.newAttachHeadersInterceptor(caller));
    fixtures = createFixtures();
    templates = Templates.build(fixtures);
    digest = new StoreDigest(dataDir.resolve("lockctl.db"));
  }

  /**
   * Where the store goes: memory-backed /dev/shm where there is one, because the store syncs every
   * commit to disk and the fuzzer wants calls per second, not durability; else the temp dir.
   */
  private static Path scratch() {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm)
        ? shm
        : Path.of(System.getProperty("java.io.tmpdir"));
  }

  static FuzzedServer start() throws Exception {
    return new FuzzedServer();
  }

  Templates.Fixtures fixtures() {
    return fixtures;
  }

  Path dataDir() {
    return dataDir;
  }

  long calls() {
    return calls;
  }

  StoreDigest digest() {
    return digest;
  }

  private Templates.Fixtures createFixtures() {
    var snapshots = SnapshotServiceGrpc.newBlockingStub(channel);
    var locks = SnapshotLockServiceGrpc.newBlockingStub(channel);
    var rules = RetentionRuleServiceGrpc.newBlockingStub(channel);
    var replication = ReplicationServiceGrpc.newBlockingStub(channel);
    String active = snapshotId(900_001);
    String governed = snapshotId(900_002);
    String compliant = snapshotId(900_003);
    String binned = snapshotId(900_004);
    String keyed = snapshotId(900_005);
    for (String id : List.of(active, governed, compliant, binned, keyed)) {
      snapshots.registerSnapshot(register(id).build());
    }
    locks.lockSnapshot(governance(governed, 30).build());
    locks.lockSnapshot(compliance(compliant, 3650, 0).build());
    String rule =
        rules
            .createRule(regionRule(7).setDescription("fuzz fixture").build())
            .getRule()
            .getIdentifier();
    rules.lockRule(lockRule(rule, 7).build());
    snapshots.deleteSnapshot(deleteSnapshot(binned).build());
    LockKeyHolder holder = new LockKeyHolder("fuzz-key");
    LockKey key = replication.createLockKey(holder.createRequest().build()).getLockKey();
    locks.lockSnapshot(
        lock(keyed, LockMode.LOCK_MODE_KEY, 30).setLockKeyRef(key.getName()).build());
    String rel =
        replication
            .createTargetRelationship(relationship(30).build())
            .getTargetRelationship()
            .getRelationshipId();
    replication.setTargetRelationshipLock(
        SetTargetRelationshipLockRequest.newBuilder()
            .setRelationshipId(rel)
            .setLockKeyRef(key.getName())
            .build());
    String accessKey =
        AccessKeyServiceGrpc.newBlockingStub(channel)
            .createAccessKey(CreateAccessKeyRequest.newBuilder().setPrincipal(CALLER).build())
            .getAccessKey()
            .getAccessKeyId();
    return new Templates.Fixtures(
        REGION,
        active,
        governed,
        compliant,
        binned,
        keyed,
        rule,
        key.getLockKeyId(),
        key.getName(),
        rel,
        accessKey,
        backupDir.toString(),
        new LockKeyHolder("fuzz-key-2").createRequest().setDryRun(true).build());
  }

  /** The request an input asks for, given the RPCs of the fuzzed service. */
  FuzzRpcs.Rpc rpcOf(List<FuzzRpcs.Rpc> rpcs, byte[] input) {
    return rpcs.get(input.length == 0 ? 0 : Byte.toUnsignedInt(input[0]) % rpcs.size());
  }

  byte[] requestOf(FuzzRpcs.Rpc rpc, byte[] input) {
    int mode = input.length > 1 ? Byte.toUnsignedInt(input[1]) : 0;
    byte[] rest = input.length > 2 ? Arrays.copyOfRange(input, 2, input.length) : new byte[0];
    if ((mode & 1) == 0) {
      return rest;
    }
    List<byte[]> choices = templates.get(rpc.name());
    byte[] template = choices.get((mode >>> 1) % choices.size());
    byte[] request = Arrays.copyOf(template, template.length + rest.length);
    System.arraycopy(rest, 0, request, template.length, rest.length);
    return request;
  }

  /**
   * Sends the call {@code input} asks for to one of {@code service}'s RPCs and throws an
   * AssertionError naming every rule the answer broke.
   */
  void exercise(String service, byte[] input) throws Exception {
    List<FuzzRpcs.Rpc> rpcs = FuzzRpcs.of(service);
    FuzzRpcs.Rpc rpc = rpcOf(rpcs, input);
    byte[] request = confineBackup(rpc, requestOf(rpc, input));
    StoreDigest.State before = last != null ? last : digest.capture();
    last = null;
    Outcome outcome = call(rpc, request);
    StoreDigest.State after = digest.capture();
    last = after;
    calls++;
    List<String> problems =
        new ArrayList<>(Oracle.judge(outcome.status(), outcome.trailers(), before, after));
    if (outcome.status().isOk()) {
      for (byte[] response : outcome.responses()) {
        try {
          rpc.responsePrototype().getParserForType().parseFrom(response);
        } catch (InvalidProtocolBufferException e) {
          problems.add("an unreadable " + rpc.responsePrototype().getDescriptorForType().getName());
        }
      }
    }
    List<String> leftovers = clearBackups();
    if (!outcome.status().isOk() && !leftovers.isEmpty()) {
      problems.add("partial write: a refused backup left " + leftovers);
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          rpc.service()
              + "/"
              + rpc.name()
              + " with request "
              + HexFormat.of().formatHex(request)
              + ": "
              + String.join("; ", problems));
    }
  }

  /**
   * A backup may only be written into the fuzzer's own directory: a CreateBackup request that
   * parses (as the server will parse it) and names an absolute path elsewhere is pointed there, its
   * other fields kept. Requests that do not parse, and relative or empty paths, go as they are.
   */
  private byte[] confineBackup(FuzzRpcs.Rpc rpc, byte[] request) {
    if (!rpc.name().equals("CreateBackup")) {
      return request;
    }
    CreateBackupRequest parsed;
    try {
      parsed = CreateBackupRequest.parseFrom(request);
    } catch (InvalidProtocolBufferException unparseable) {
      return request;
    }
    String path = parsed.getPath();
    if (!path.startsWith("/")) {
      return request;
    }
    try {
      if (Path.of(path).normalize().startsWith(backupDir)) {
        return request;
      }
    } catch (InvalidPathException invalid) {
      // not a path on this host: the server must refuse it, wherever it points
      return request;
    }
    byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
    String name = HexFormat.of().formatHex(bytes, 0, Math.min(16, bytes.length));
    return parsed.toBuilder()
        .setPath(backupDir.resolve("b-" + name + ".db").toString())
        .build()
        .toByteArray();
  }

  /** Deletes what backups wrote, returning the names found. */
  private List<String> clearBackups() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> found = Files.list(backupDir)) {
      for (Path path : found.toList()) {
        names.add(path.getFileName().toString());
        if (Files.isDirectory(path)) {
          TempDirs.deleteRecursively(path);
        } else {
          Files.delete(path);
        }
      }
    }
    return names;
  }

  Outcome call(FuzzRpcs.Rpc rpc, byte[] request) throws InterruptedException {
    last = null;
    CallOptions options =
        CallOptions.DEFAULT.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    if (rpc.type() == MethodDescriptor.MethodType.UNARY) {
      try {
        byte[] response = ClientCalls.blockingUnaryCall(channel, rpc.raw(), options, request);
        return new Outcome(Status.OK, new Metadata(), List.of(response));
      } catch (StatusRuntimeException refused) {
        return new Outcome(refused.getStatus(), refused.getTrailers(), List.of());
      }
    }
    if (rpc.type() != MethodDescriptor.MethodType.SERVER_STREAMING) {
      throw new IllegalStateException("no harness for " + rpc.type() + " " + rpc.name());
    }
    ClientCall<byte[], byte[]> call = channel.newCall(rpc.raw(), options);
    CompletableFuture<Outcome> closed = new CompletableFuture<>();
    List<byte[]> responses = new ArrayList<>();
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(byte[] message) {
            synchronized (responses) {
              responses.add(message);
            }
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            synchronized (responses) {
              closed.complete(new Outcome(status, trailers, List.copyOf(responses)));
            }
          }
        },
        new Metadata());
    call.request(1_000);
    call.sendMessage(request);
    call.halfClose();
    try {
      return closed.get(STREAM_WINDOW.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillStreaming) {
      call.cancel("the fuzzer saw enough", null);
      Outcome cancelled = closed.join();
      // A stream that was still running when cancelled answered nothing wrong.
      return cancelled.status().getCode() == Status.Code.CANCELLED
          ? new Outcome(Status.OK, new Metadata(), cancelled.responses())
          : cancelled;
    } catch (ExecutionException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  @Override
  public void close() throws Exception {
    try {
      digest.close();
      managedChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.stop(Duration.ofSeconds(2));
    } finally {
      TempDirs.deleteRecursively(root);
      for (int i = 0; i < quieted.size(); i++) {
        quieted.get(i).setLevel(levels.get(i));
      }
    }
  }
}
