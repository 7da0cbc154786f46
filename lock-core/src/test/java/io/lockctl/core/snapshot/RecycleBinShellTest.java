package io.lockctl.core.snapshot;

import static io.lockctl.core.snapshot.Fixtures.REGION;
import static io.lockctl.core.snapshot.Fixtures.T0;
import static io.lockctl.core.snapshot.Fixtures.at;
import static io.lockctl.core.snapshot.Fixtures.days;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.lockkey.UnlockChallenges;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.rule.CreateRuleCommand;
import io.lockctl.core.rule.LockConfiguration;
import io.lockctl.core.rule.ResourceTag;
import io.lockctl.core.rule.ResourceType;
import io.lockctl.core.rule.RetentionRule;
import io.lockctl.core.rule.RetentionRules;
import io.lockctl.core.rule.UpdateRuleCommand;
import io.lockctl.core.snapshotlock.LockSnapshotCommand;
import io.lockctl.core.snapshotlock.SnapshotLocking;
import io.lockctl.core.store.StoreWrites;
import io.lockctl.core.testing.World;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The recycle bin through SnapshotCatalog, SnapshotLocking and RetentionRules on the real SQLite
 * store: rules created through their own shell, snapshots deleted into the bin, restored, and gone
 * at their retain_until for every read, reclaimed or not.
 */
class RecycleBinShellTest {
  private static final String ID = "s-00000000000000000001";
  private final World store = World.inMemory(T0);
  private final SnapshotCatalog catalog =
      new SnapshotCatalog(new RandomIds(), new Pages(new byte[32]));
  private final SnapshotLocking locking =
      new SnapshotLocking(new UnlockChallenges(new byte[32]), new Pages(new byte[32]));
  private final RetentionRules rules =
      new RetentionRules(new RandomIds(new Random(3)), new Pages(new byte[32]));

  private Snapshot registerIn(SnapshotWrites tx, RegisterSnapshotCommand command) {
    return catalog.register(tx, command, catalog.idFor(tx, command));
  }

  private RetentionRule createIn(StoreWrites tx, CreateRuleCommand command) {
    return rules.create(tx, command, rules.unusedIdentifier(tx, command.regionId()));
  }

  private static Reason reasonOf(Executable call) {
    return assertThrows(RejectedException.class, call).reason();
  }

  private RetentionRule createRule(
      String region, int days, List<ResourceTag> tags, LockConfiguration lock) {
    return store.write(
        tx ->
            createIn(
                tx,
                new CreateRuleCommand(
                    region, "", ResourceType.SNAPSHOT, days, tags, List.of(), lock)));
  }

  private Snapshot register(Map<String, String> tags) {
    return store.write(
        tx ->
            registerIn(
                tx,
                new RegisterSnapshotCommand(
                    REGION, ID, SnapshotStatus.ACCOMPLISHED, 0, false, "", tags, null)));
  }

  private DeletedSnapshot delete() {
    return store.write(tx -> catalog.delete(tx, REGION, ID));
  }

  private Snapshot get() {
    return store.read(tx -> catalog.get(tx, REGION, ID));
  }

  private Optional<Snapshot> stored() {
    return store.read(tx -> tx.snapshots().find(REGION, ID));
  }

  private List<String> listed(SnapshotState state) {
    return store
        .read(tx -> catalog.list(tx, new ListSnapshotsQuery(REGION, state, false, "", null, 0, "")))
        .items()
        .stream()
        .map(Snapshot::snapshotId)
        .toList();
  }

  private List<String> describedLocked() {
    return store
        .read(
            tx ->
                locking.describeLocked(
                    tx, new DescribeLockedSnapshotsQuery(REGION, List.of(), null, 0, "")))
        .items()
        .stream()
        .map(LockedSnapshot::snapshotId)
        .toList();
  }

  private Snapshot lock(int days) {
    return store.write(
        tx ->
            locking.lock(
                tx,
                new LockSnapshotCommand(
                    REGION, ID, LockMode.GOVERNANCE, new LockTerm.Days(days), 0, "")));
  }

  @Test
  void aMatchedSnapshotGoesToTheBinAndIsListedThere() {
    RetentionRule rule = createRule(REGION, 10, List.of(), null);
    createRule("us-east-1", 3650, List.of(), null);
    Snapshot original = register(Map.of("env", "prod"));
    store.system.set(at(days(1)));

    assertEquals(new DeletedSnapshot(ID, List.of(rule.identifier()), at(days(11))), delete());

    assertEquals(original.inRecycleBinUntil(at(days(11))), get());
    assertEquals(List.of(ID), listed(SnapshotState.IN_RECYCLE_BIN));
    assertEquals(List.of(), listed(SnapshotState.ACTIVE));
    assertEquals(List.of(ID), listed(null));
  }

  @Test
  void withoutRulesInTheRegionASnapshotIsDeletedForGood() {
    createRule("us-east-1", 30, List.of(), null);
    register(Map.of());
    assertEquals(new DeletedSnapshot(ID, List.of(), null), delete());
    assertEquals(Optional.empty(), stored());
  }

  @Test
  void aLockedSnapshotIsRefusedAndStaysActive() {
    createRule(REGION, 10, List.of(), new LockConfiguration(7));
    register(Map.of());
    Snapshot locked = lock(2);
    assertEquals(Reason.SNAPSHOT_LOCKED, reasonOf(this::delete));
    assertEquals(locked, get());
  }

  @Test
  void inTheBinASnapshotCannotBeLockedUpdatedOrDeletedAgain() {
    createRule(REGION, 10, List.of(), null);
    register(Map.of());
    delete();
    Snapshot binned = get();

    assertEquals(Reason.SNAPSHOT_NOT_AVAILABLE, reasonOf(() -> lock(1)));
    assertEquals(
        Reason.SNAPSHOT_NOT_AVAILABLE,
        reasonOf(
            () ->
                store.write(
                    tx ->
                        catalog.update(
                            tx,
                            new UpdateSnapshotCommand(
                                REGION, ID, List.of("tags"), null, 0, false, Map.of("k", "v"))))));
    assertEquals(Reason.SNAPSHOT_NOT_AVAILABLE, reasonOf(this::delete));
    assertEquals(Reason.SNAPSHOT_ALREADY_EXISTS, reasonOf(() -> register(Map.of())));
    assertEquals(binned, get());
  }

  @Test
  void changingOrDeletingTheRuleLeavesRetainUntilAsItWas() {
    RetentionRule rule = createRule(REGION, 10, List.of(new ResourceTag("env", "prod")), null);
    register(Map.of("env", "prod"));
    delete();
    Instant retainUntil = get().retainUntil();

    store.system.set(at(days(1)));
    store.write(
        tx ->
            rules.update(
                tx,
                new UpdateRuleCommand(
                    REGION,
                    rule.identifier(),
                    List.of(
                        UpdateRuleCommand.RETENTION_PERIOD_DAYS, UpdateRuleCommand.RESOURCE_TAGS),
                    "",
                    1,
                    List.of(new ResourceTag("env", "dev")),
                    List.of())));
    assertEquals(retainUntil, get().retainUntil());
    store.write(tx -> rules.delete(tx, REGION, rule.identifier()));
    assertEquals(retainUntil, get().retainUntil());
    assertEquals(at(days(10)), retainUntil);
  }

  @Test
  void aRestoredSnapshotIsActiveAndItsNextDeleteConsultsTheRulesAsTheyAreThen() {
    RetentionRule rule = createRule(REGION, 10, List.of(), null);
    Snapshot original = register(Map.of("env", "prod"));
    delete();
    store.system.set(at(days(2)));

    Snapshot restored = store.write(tx -> catalog.restore(tx, REGION, ID));
    assertEquals(original, restored);
    assertEquals(restored, get());
    assertEquals(
        Reason.SNAPSHOT_NOT_IN_RECYCLE_BIN,
        reasonOf(() -> store.write(tx -> catalog.restore(tx, REGION, ID))));

    store.write(tx -> rules.delete(tx, REGION, rule.identifier()));
    assertEquals(new DeletedSnapshot(ID, List.of(), null), delete());
    assertEquals(
        Reason.SNAPSHOT_NOT_FOUND,
        reasonOf(() -> store.write(tx -> catalog.restore(tx, REGION, ID))));
  }

  @Test
  void fromRetainUntilOnTheSnapshotIsGoneForEveryReadBeforeAnyReclaim() {
    createRule(REGION, 10, List.of(), null);
    register(Map.of("env", "prod"));
    lock(1);
    store.system.set(at(days(1)));
    delete();
    Instant retainUntil = at(days(11));

    store.system.set(retainUntil.minusMillis(1));
    assertEquals(SnapshotState.IN_RECYCLE_BIN, get().state());
    assertEquals(List.of(ID), listed(null));
    assertEquals(List.of(ID), describedLocked());

    store.system.set(retainUntil);
    assertEquals(Reason.SNAPSHOT_NOT_FOUND, reasonOf(this::get));
    assertEquals(List.of(), listed(null));
    assertEquals(List.of(), listed(SnapshotState.IN_RECYCLE_BIN));
    assertEquals(List.of(), describedLocked());
    assertEquals(Reason.SNAPSHOT_NOT_FOUND, reasonOf(() -> lock(1)));
    assertEquals(Reason.SNAPSHOT_NOT_FOUND, reasonOf(this::delete));
    assertEquals(
        Reason.SNAPSHOT_NOT_FOUND,
        reasonOf(() -> store.write(tx -> catalog.restore(tx, REGION, ID))));
    // The row is still stored; the reads above already ignore it.
    assertEquals(SnapshotState.IN_RECYCLE_BIN, stored().orElseThrow().state());
  }

  @Test
  void registeringAGoneSnapshotsIdReplacesItsRow() {
    createRule(REGION, 1, List.of(), null);
    register(Map.of("old", "tag"));
    lock(1);
    store.system.set(at(days(1)));
    delete();
    store.system.set(at(days(2)));

    Snapshot fresh =
        store.write(
            tx ->
                registerIn(
                    tx,
                    new RegisterSnapshotCommand(
                        REGION,
                        ID,
                        SnapshotStatus.PROGRESSING,
                        5,
                        false,
                        "",
                        Map.of("new", "tag"),
                        null)));

    assertEquals(
        new Snapshot(
            REGION,
            ID,
            SnapshotStatus.PROGRESSING,
            5,
            false,
            "",
            Map.of("new", "tag"),
            at(days(2)),
            SnapshotState.ACTIVE,
            null,
            null),
        fresh);
    assertEquals(Optional.of(fresh), stored());
  }
}
