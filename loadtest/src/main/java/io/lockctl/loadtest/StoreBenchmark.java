package io.lockctl.loadtest;

import io.lockctl.core.audit.AuditLog;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.lockkey.UnlockChallenges;
import io.lockctl.core.operation.AccessControl;
import io.lockctl.core.operation.AsOf;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.snapshot.DescribeLockedSnapshotsQuery;
import io.lockctl.core.snapshot.LockMode;
import io.lockctl.core.snapshot.LockTerm;
import io.lockctl.core.snapshot.LockedSnapshot;
import io.lockctl.core.snapshot.RegisterSnapshotCommand;
import io.lockctl.core.snapshot.Snapshot;
import io.lockctl.core.snapshot.SnapshotCatalog;
import io.lockctl.core.snapshot.SnapshotService;
import io.lockctl.core.snapshot.SnapshotStatus;
import io.lockctl.core.snapshotlock.LockSnapshotCommand;
import io.lockctl.core.snapshotlock.SnapshotLockService;
import io.lockctl.core.snapshotlock.SnapshotLocking;
import io.lockctl.core.store.jdbc.ReadModelOptions;
import io.lockctl.core.store.sqlite.SqliteStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What lock-core alone costs per call of each benchmarked RPC: the same application-service calls
 * the server makes, on a SQLite store on disk, with no gRPC, no network and no load generator. Each
 * read runs on the benchmark's one thread, so its time per call is CPU per call; LockSnapshot is
 * measured 64 calls at a time (as {@code compare} keeps 64 in flight), so one group commit and its
 * fsync are shared by them as in the server.
 *
 * <p>Set where the store is made with {@code -Dlockctl.bench.dir=DIR} (default: the working
 * directory): on the disk being measured, not a folder in memory, where fsync costs nothing.
 *
 * <p>After each iteration of LockSnapshot it also prints the CPU time the store's writer thread
 * spent per call: the part of a write no concurrency hides, and a figure that other processes
 * competing for the cores disturb far less than the time per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
public class StoreBenchmark {
  private static final String REGION = "cn-hangzhou";
  private static final int LOCKS_PER_INVOCATION = 64;

  /** Snapshots seeded, every one of them locked, as after {@code compare}'s LockSnapshot runs. */
  @Param("20000")
  public int snapshots;

  /** Whether the store answers reads of snapshots from its in-memory read model. */
  @Param({"false", "true"})
  public boolean readModel;

  private Path directory;
  private SqliteStore store;
  private static final Caller CALLER = new Caller("bench");
  private static final Mutation CALL = new Mutation(CALLER, "", false, new byte[0]);

  private SnapshotService snapshotService;
  private SnapshotLockService lockService;
  private long nextLocked;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private long writerThreadId;
  private long writerCpuAtStart;
  private long lockedAtStart;
  private long readerCpuAtStart;
  private long reads;
  private long readsAtStart;

  @Setup(Level.Trial)
  public void seed() throws IOException {
    Path parent = Path.of(System.getProperty("lockctl.bench.dir", "."));
    directory = Files.createTempDirectory(parent.toAbsolutePath(), "store-bench-");
    store =
        SqliteStore.open(
            directory,
            new ComplianceClock(Clock.systemUTC()),
            false,
            readModel ? ReadModelOptions.ON : ReadModelOptions.OFF);
    OperationRunner operations = new OperationRunner(AccessControl.ALLOW_ALL, new AuditLog());
    snapshotService =
        new SnapshotService(
            store, operations, new SnapshotCatalog(new RandomIds(), new Pages(new byte[32])));
    lockService =
        new SnapshotLockService(
            store,
            operations,
            new SnapshotLocking(new UnlockChallenges(new byte[32]), new Pages(new byte[32])));
    List<CompletableFuture<?>> seeded = new ArrayList<>();
    for (int n = 0; n < snapshots; n++) {
      String id = SnapshotIds.format(n);
      seeded.add(
          snapshotService.register(
              CALL,
              new RegisterSnapshotCommand(
                  REGION, id, SnapshotStatus.ACCOMPLISHED, 0, false, "", Map.of(), null)));
      seeded.add(lockService.lock(CALL, lockCommand(id)));
    }
    CompletableFuture.allOf(seeded.toArray(CompletableFuture[]::new)).join();
    while (readModel && !store.readModelReady()) {
      Thread.onSpinWait();
    }
    writerThreadId =
        Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().startsWith("lockctl-store-writer"))
            .findFirst()
            .orElseThrow()
            .getId();
  }

  @Setup(Level.Iteration)
  public void startCountingWriterCpu() {
    writerCpuAtStart = threads.getThreadCpuTime(writerThreadId);
    lockedAtStart = nextLocked;
    readerCpuAtStart = threads.getCurrentThreadCpuTime();
    readsAtStart = reads;
  }

  /**
   * Prints the store writer's CPU per LockSnapshot, and for the reads the benchmark thread's CPU
   * per call: what other processes on the cores disturb far less than the time per call.
   */
  @TearDown(Level.Iteration)
  public void printWriterCpuPerLock() {
    long calls = nextLocked - lockedAtStart;
    if (calls > 0) {
      double micros = (threads.getThreadCpuTime(writerThreadId) - writerCpuAtStart) / 1e3 / calls;
      System.out.printf("store writer CPU: %.1f us per LockSnapshot (%d calls)%n", micros, calls);
    }
    long readCalls = reads - readsAtStart;
    if (readCalls > 0) {
      double micros = (threads.getCurrentThreadCpuTime() - readerCpuAtStart) / 1e3 / readCalls;
      System.out.printf("reader CPU: %.1f us per call (%d calls)%n", micros, readCalls);
    }
  }

  @TearDown(Level.Trial)
  public void deleteStore() {
    store.close();
    Compare.deleteRecursively(directory);
  }

  /** GetSnapshot of a snapshot picked at random, as {@code bench --rpc GetSnapshot} asks. */
  @Benchmark
  public AsOf<Snapshot> getSnapshot() {
    String id = SnapshotIds.format(ThreadLocalRandom.current().nextInt(snapshots));
    reads++;
    return snapshotService.get(CALLER, REGION, id);
  }

  /** The region's first page of 50 locked snapshots, as {@code bench} asks. */
  @Benchmark
  public AsOf<Page<LockedSnapshot>> describeLockedSnapshots() {
    DescribeLockedSnapshotsQuery firstPage =
        new DescribeLockedSnapshotsQuery(REGION, List.of(), null, 50, "");
    reads++;
    return lockService.describeLocked(CALLER, firstPage);
  }

  /** A relock of the next snapshots in turn, 64 submitted at once: the time is per call. */
  @Benchmark
  @OperationsPerInvocation(LOCKS_PER_INVOCATION)
  public void lockSnapshot() {
    CompletableFuture<?>[] locks = new CompletableFuture<?>[LOCKS_PER_INVOCATION];
    for (int i = 0; i < locks.length; i++) {
      String id = SnapshotIds.format(Math.floorMod(nextLocked++, snapshots));
      locks[i] = lockService.lock(CALL, lockCommand(id));
    }
    CompletableFuture.allOf(locks).join();
  }

  private static LockSnapshotCommand lockCommand(String id) {
    return new LockSnapshotCommand(REGION, id, LockMode.GOVERNANCE, new LockTerm.Days(1), 0, "");
  }
}
