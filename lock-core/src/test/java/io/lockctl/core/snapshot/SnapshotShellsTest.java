package io.lockctl.core.snapshot;

import static io.lockctl.core.snapshot.Fixtures.REGION;
import static io.lockctl.core.snapshot.Fixtures.T0;
import static io.lockctl.core.snapshot.Fixtures.at;
import static io.lockctl.core.snapshot.Fixtures.days;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.error.FieldViolation;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.lockkey.UnlockChallenges;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.Pages;
import io.lockctl.core.snapshotlock.LockSnapshotCommand;
import io.lockctl.core.snapshotlock.SnapshotLocking;
import io.lockctl.core.snapshotlock.UnlockSnapshotCommand;
import io.lockctl.core.snapshotlock.UnlockedSnapshot;
import io.lockctl.core.testing.World;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * SnapshotCatalog and SnapshotLocking on the in-memory store: they load, decide and write (or write
 * nothing), and page the lists.
 */
class SnapshotShellsTest {
  private final World store = World.inMemory(T0);
  private final SnapshotCatalog catalog =
      new SnapshotCatalog(new RandomIds(), new Pages(new byte[32]));
  private final SnapshotLocking locking =
      new SnapshotLocking(new UnlockChallenges(new byte[32]), new Pages(new byte[32]));

  private static String id(int n) {
    return String.format("s-%020d", n);
  }

  private Snapshot register(RegisterSnapshotCommand command) {
    return store.write(tx -> registerIn(tx, command));
  }

  private Snapshot register(String id, SnapshotStatus status, Map<String, String> tags) {
    return register(new RegisterSnapshotCommand(REGION, id, status, 0, false, "", tags, null));
  }

  private Snapshot lock(String id, LockMode mode, int days) {
    return store.write(
        tx ->
            locking.lock(
                tx, new LockSnapshotCommand(REGION, id, mode, new LockTerm.Days(days), 0, "")));
  }

  private Snapshot get(String regionId, String id) {
    return store.read(tx -> catalog.get(tx, regionId, id));
  }

  private Optional<Snapshot> stored(String id) {
    return store.read(tx -> tx.snapshots().find(REGION, id));
  }

  private Page<Snapshot> list(ListSnapshotsQuery query) {
    return store.read(tx -> catalog.list(tx, query));
  }

  private Page<LockedSnapshot> describeLocked(DescribeLockedSnapshotsQuery query) {
    return store.read(tx -> locking.describeLocked(tx, query));
  }

  private Snapshot registerIn(SnapshotWrites tx, RegisterSnapshotCommand command) {
    return catalog.register(tx, command, catalog.idFor(tx, command));
  }

  private static Reason reasonOf(Executable call) {
    return assertThrows(RejectedException.class, call).reason();
  }

  private static List<String> violations(Executable call) {
    return assertThrows(RejectedException.class, call).rejection().violations().stream()
        .map(FieldViolation::field)
        .toList();
  }

  /** The ids on a page of snapshots or of locked snapshots. */
  private static List<String> ids(Page<?> page) {
    return page.items().stream()
        .map(
            item ->
                item instanceof LockedSnapshot locked
                    ? locked.snapshotId()
                    : ((Snapshot) item).snapshotId())
        .toList();
  }

  @Nested
  class Catalog {
    @Test
    void aSnapshotWithoutAnIdGetsAFreshOne() {
      RegisterSnapshotCommand noId =
          new RegisterSnapshotCommand(
              REGION, "", SnapshotStatus.ACCOMPLISHED, 0, false, "", Map.of(), null);
      Snapshot first = register(noId);
      Snapshot second = register(noId);
      assertTrue(first.snapshotId().matches("s-[0-9a-z]{20}"), first.snapshotId());
      assertNotEquals(first.snapshotId(), second.snapshotId());
      assertEquals(first, get(REGION, first.snapshotId()));
    }

    @Test
    void aTakenIdIsRefusedAndTheStoredSnapshotKept() {
      Snapshot original = register(id(1), SnapshotStatus.PROGRESSING, Map.of());
      assertEquals(
          Reason.SNAPSHOT_ALREADY_EXISTS,
          reasonOf(() -> register(id(1), SnapshotStatus.ACCOMPLISHED, Map.of())));
      assertEquals(original, get(REGION, id(1)));
    }

    @Test
    void getRefusesMalformedAndUnknownIds() {
      assertEquals(Reason.INVALID_PARAMETER, reasonOf(() -> get(REGION, "s-x")));
      assertEquals(Reason.SNAPSHOT_NOT_FOUND, reasonOf(() -> get(REGION, id(9))));
      register(id(9), SnapshotStatus.ACCOMPLISHED, Map.of());
      assertEquals(Reason.SNAPSHOT_NOT_FOUND, reasonOf(() -> get("other-region", id(9))));
    }

    @Test
    void anUpdateIsStored() {
      register(id(1), SnapshotStatus.PROGRESSING, Map.of());
      Snapshot updated =
          store.write(
              tx ->
                  catalog.update(
                      tx,
                      new UpdateSnapshotCommand(
                          REGION,
                          id(1),
                          List.of("status", "tags"),
                          SnapshotStatus.ACCOMPLISHED,
                          0,
                          false,
                          Map.of("k", "v"))));
      assertEquals(updated, get(REGION, id(1)));
      assertEquals(SnapshotStatus.ACCOMPLISHED, updated.status());
    }

    @Test
    void aLockedSnapshotSurvivesDeletionAndAnUnlockedOneDoesNot() {
      register(id(1), SnapshotStatus.ACCOMPLISHED, Map.of());
      lock(id(1), LockMode.COMPLIANCE, 1);
      assertEquals(
          Reason.SNAPSHOT_LOCKED,
          reasonOf(() -> store.write(tx -> catalog.delete(tx, REGION, id(1)))));
      assertEquals(Optional.of(LockMode.COMPLIANCE), stored(id(1)).map(s -> s.lock().mode()));
      store.system.set(at(days(1)));
      assertEquals(
          new DeletedSnapshot(id(1), List.of(), null),
          store.write(tx -> catalog.delete(tx, REGION, id(1))));
      assertEquals(Optional.empty(), stored(id(1)));
    }
  }

  @Nested
  class Locking {
    @Test
    void aLockAndAnUnlockAreStored() {
      register(id(1), SnapshotStatus.ACCOMPLISHED, Map.of());
      Snapshot locked = lock(id(1), LockMode.GOVERNANCE, 3);
      assertEquals(locked, get(REGION, id(1)));
      UnlockedSnapshot unlocked =
          store.write(
              tx -> locking.unlock(tx, new UnlockSnapshotCommand(REGION, id(1), ""), lock -> {}));
      assertEquals(locked.lock(), unlocked.removedLock());
      assertEquals(unlocked.snapshot(), get(REGION, id(1)));
    }

    @Test
    void aRefusedLockChangesNothing() {
      Snapshot shared =
          register(
              new RegisterSnapshotCommand(
                  REGION, id(1), SnapshotStatus.ACCOMPLISHED, 0, true, "", Map.of(), null));
      assertEquals(
          Reason.SHARED_SNAPSHOT_UNSUPPORTED, reasonOf(() -> lock(id(1), LockMode.GOVERNANCE, 3)));
      assertEquals(shared, get(REGION, id(1)));
    }
  }

  @Nested
  class Paging {
    /** Follows next-page tokens from the first page to the last, collecting every id. */
    private List<String> allPages(Function<String, Page<?>> pageAfter, List<Integer> sizes) {
      List<String> ids = new ArrayList<>();
      String token = "";
      do {
        Page<?> page = pageAfter.apply(token);
        sizes.add(page.items().size());
        ids.addAll(ids(page));
        token = page.nextPageToken();
      } while (!token.isEmpty());
      return ids;
    }

    private ListSnapshotsQuery listQuery(int size, String token) {
      return new ListSnapshotsQuery(REGION, null, false, "", null, size, token);
    }

    @Test
    void pagesFollowEachOtherInIdOrder() {
      List<String> expected = new ArrayList<>();
      for (int n = 5; n >= 1; n--) {
        register(id(n), SnapshotStatus.ACCOMPLISHED, Map.of());
        expected.add(id(n));
      }
      Collections.sort(expected);
      List<Integer> sizes = new ArrayList<>();
      assertEquals(expected, allPages(token -> list(listQuery(2, token)), sizes));
      assertEquals(List.of(2, 2, 1), sizes);
    }

    @Test
    void aFullLastPageHasNoNextToken() {
      register(id(1), SnapshotStatus.ACCOMPLISHED, Map.of());
      register(id(2), SnapshotStatus.ACCOMPLISHED, Map.of());
      assertEquals("", list(listQuery(2, "")).nextPageToken());
      assertEquals(2, list(listQuery(0, "")).items().size());
    }

    @Test
    void aTokenOnlyServesTheQueryThatIssuedIt() {
      register(id(1), SnapshotStatus.ACCOMPLISHED, Map.of("k", "v"));
      register(id(2), SnapshotStatus.ACCOMPLISHED, Map.of("k", "v"));
      String token = list(listQuery(1, "")).nextPageToken();
      assertEquals(List.of(id(2)), ids(list(listQuery(1, token))));
      assertEquals(
          Reason.INVALID_PAGE_TOKEN,
          reasonOf(() -> list(new ListSnapshotsQuery(REGION, null, false, "k", null, 1, token))));
      assertEquals(
          Reason.INVALID_PAGE_TOKEN,
          reasonOf(
              () ->
                  describeLocked(
                      new DescribeLockedSnapshotsQuery(REGION, List.of(), null, 1, token))));
      assertEquals(Reason.INVALID_PAGE_TOKEN, reasonOf(() -> list(listQuery(1, "garbage!"))));
    }

    @Test
    void aNegativePageSizeIsRefused() {
      assertEquals(List.of("page_size"), violations(() -> list(listQuery(-1, ""))));
    }

    @Test
    void listFiltersByLockAndTags() {
      register(id(1), SnapshotStatus.ACCOMPLISHED, Map.of("env", "prod"));
      register(id(2), SnapshotStatus.ACCOMPLISHED, Map.of("env", ""));
      register(id(3), SnapshotStatus.ACCOMPLISHED, Map.of());
      lock(id(1), LockMode.GOVERNANCE, 1);
      lock(id(3), LockMode.GOVERNANCE, 2);
      store.system.set(at(days(1)));
      assertEquals(
          List.of(id(3)),
          ids(list(new ListSnapshotsQuery(REGION, SnapshotState.ACTIVE, true, "", null, 0, ""))));
      assertEquals(
          List.of(id(1), id(2)),
          ids(list(new ListSnapshotsQuery(REGION, null, false, "env", null, 0, ""))));
      assertEquals(
          List.of(id(2)), ids(list(new ListSnapshotsQuery(REGION, null, false, "env", "", 0, ""))));
      assertEquals(
          List.of("tag_value"),
          violations(() -> list(new ListSnapshotsQuery(REGION, null, false, "", "prod", 0, ""))));
      assertEquals(
          List.of("region_id"),
          violations(() -> list(new ListSnapshotsQuery("Nope", null, false, "", null, 0, ""))));
    }

    @Test
    void describeLockedListsLockedSnapshotsExpiredIncluded() {
      register(id(1), SnapshotStatus.ACCOMPLISHED, Map.of());
      register(id(2), SnapshotStatus.ACCOMPLISHED, Map.of());
      register(id(3), SnapshotStatus.ACCOMPLISHED, Map.of());
      lock(id(1), LockMode.GOVERNANCE, 1);
      lock(id(3), LockMode.COMPLIANCE, 2);
      store.system.set(at(days(1)));
      assertEquals(
          List.of(id(1), id(3)),
          ids(describeLocked(new DescribeLockedSnapshotsQuery(REGION, List.of(), null, 0, ""))));
      assertEquals(
          List.of(id(1)),
          ids(
              describeLocked(
                  new DescribeLockedSnapshotsQuery(REGION, List.of(), LockStatus.EXPIRED, 0, ""))));
      assertEquals(
          List.of(id(3)),
          ids(
              describeLocked(
                  new DescribeLockedSnapshotsQuery(REGION, List.of(id(2), id(3)), null, 0, ""))));
      List<Integer> sizes = new ArrayList<>();
      assertEquals(
          List.of(id(1), id(3)),
          allPages(
              token ->
                  describeLocked(
                      new DescribeLockedSnapshotsQuery(REGION, List.of(), null, 1, token)),
              sizes));
      assertEquals(List.of(1, 1), sizes);
    }

    @Test
    void describeLockedTakesAtMost100WellFormedIds() {
      List<String> hundred = new ArrayList<>();
      for (int n = 0; n < 100; n++) {
        hundred.add(id(n));
      }
      assertEquals(
          List.of(),
          describeLocked(new DescribeLockedSnapshotsQuery(REGION, hundred, null, 0, "")).items());
      hundred.add(id(100));
      assertEquals(
          List.of("snapshot_ids"),
          violations(
              () ->
                  describeLocked(new DescribeLockedSnapshotsQuery(REGION, hundred, null, 0, ""))));
      assertEquals(
          List.of("snapshot_ids[1]"),
          violations(
              () ->
                  describeLocked(
                      new DescribeLockedSnapshotsQuery(
                          REGION, List.of(id(1), "s-bad"), null, 0, ""))));
    }
  }
}
