package io.lockctl.core.testing;

import io.lockctl.core.audit.AuditLog;
import io.lockctl.core.clock.ComplianceClock;
import io.lockctl.core.clock.SettableClock;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.lockkey.LockKeyService;
import io.lockctl.core.lockkey.LockKeys;
import io.lockctl.core.lockkey.UnlockChallenges;
import io.lockctl.core.operation.AccessControl;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.replication.PolicySnapshots;
import io.lockctl.core.replication.ReplicationService;
import io.lockctl.core.replication.TargetRelationships;
import io.lockctl.core.rule.RetentionRuleService;
import io.lockctl.core.rule.RetentionRules;
import io.lockctl.core.snapshot.SnapshotCatalog;
import io.lockctl.core.snapshot.SnapshotService;
import io.lockctl.core.snapshotlock.SnapshotLockService;
import io.lockctl.core.snapshotlock.SnapshotLocking;
import io.lockctl.core.store.Store;
import io.lockctl.core.store.StoreReads;
import io.lockctl.core.store.StoreWrites;
import io.lockctl.core.store.memory.MemoryStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * lock-core as the server wires it, for tests: every application service over one store (the
 * in-memory one unless a test gives another), under a compliance clock over a settable system
 * clock. Writes are awaited, and a refusal comes out as the {@link
 * io.lockctl.core.error.RejectedException} the service failed with.
 */
public final class World implements AutoCloseable {
  /** The caller every call of a test makes unless it names another. */
  public static final Caller CALLER = new Caller("test");

  public final SettableClock system;
  public final ComplianceClock clock;
  public final Store store;
  public final UnlockChallenges challenges;
  public final SnapshotService snapshots;
  public final SnapshotLockService locks;
  public final RetentionRuleService rules;
  public final LockKeyService keys;
  public final ReplicationService replication;

  private World(Instant start, Function<ComplianceClock, Store> openStore, Random random) {
    system = new SettableClock(start);
    clock = new ComplianceClock(system);
    store = openStore.apply(clock);
    OperationRunner operations = new OperationRunner(AccessControl.ALLOW_ALL, new AuditLog());
    RandomIds ids = new RandomIds(random);
    challenges = new UnlockChallenges(new byte[32]);
    Pages pages = new Pages(new byte[32]);
    SnapshotCatalog catalog = new SnapshotCatalog(ids, pages);
    snapshots = new SnapshotService(store, operations, catalog);
    locks = new SnapshotLockService(store, operations, new SnapshotLocking(challenges, pages));
    rules = new RetentionRuleService(store, operations, new RetentionRules(ids, pages));
    keys = new LockKeyService(store, operations, new LockKeys(ids, pages));
    replication =
        new ReplicationService(
            store, operations, new TargetRelationships(ids, pages), new PolicySnapshots(catalog));
  }

  /** On a fresh in-memory store. */
  public static World inMemory(Instant start) {
    return new World(start, MemoryStore::new, new Random());
  }

  /** On a fresh in-memory store, with ids drawn from {@code random} (replayable). */
  public static World inMemory(Instant start, Random random) {
    return new World(start, MemoryStore::new, random);
  }

  /** On the store {@code openStore} opens under the world's compliance clock. */
  public static World on(Instant start, Function<ComplianceClock, Store> openStore) {
    return new World(start, openStore, new Random());
  }

  /** On the store {@code openStore} opens, with ids drawn from {@code random} (replayable). */
  public static World on(Instant start, Function<ComplianceClock, Store> openStore, Random random) {
    return new World(start, openStore, random);
  }

  /** A plain call by {@link #CALLER}: no client token, not a dry run. */
  public static Mutation call() {
    return new Mutation(CALLER, "", false, new byte[0]);
  }

  /** A dry run by {@link #CALLER}. */
  public static Mutation dryRun() {
    return new Mutation(CALLER, "", true, new byte[0]);
  }

  /** The outcome of an awaited write, a refusal thrown as the exception the service failed with. */
  public static <T> T await(CompletableFuture<T> write) {
    try {
      return write.join();
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw failed;
    }
  }

  public Instant now() {
    return clock.now();
  }

  public void advance(Duration by) {
    system.advance(by);
  }

  public <T> T read(Function<? super StoreReads, ? extends T> work) {
    return store.read(work);
  }

  public <T> T write(Function<? super StoreWrites, ? extends T> work) {
    return await(store.write(work));
  }

  @Override
  public void close() {
    store.close();
  }
}
