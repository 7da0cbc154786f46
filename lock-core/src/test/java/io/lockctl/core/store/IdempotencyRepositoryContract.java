package io.lockctl.core.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lockctl.core.idempotency.IdempotencyKey;
import io.lockctl.core.idempotency.IdempotencyRecord;
import io.lockctl.core.transaction.StorageException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The idempotency repository through a whole store; a subclass per store runs it. */
public abstract class IdempotencyRepositoryContract {
  private static final IdempotencyKey KEY = new IdempotencyKey("alice", "LockSnapshot", "token-1");

  private final StoreFixture fixture = newFixture();

  /** A store on a fresh database of the kind under test. */
  protected abstract StoreFixture newFixture();

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  @Test
  void insertedRecordIsFoundByItsWholeKey() {
    insertAtNow(KEY);

    IdempotencyRecord found = find(KEY).orElseThrow();
    assertArrayEquals(new byte[] {1, 2, 3}, found.requestFingerprint());
    assertArrayEquals(new byte[] {9, 0, 9}, found.response());
    assertEquals(StoreFixture.START, found.createTime());
    assertTrue(find(new IdempotencyKey("bob", "LockSnapshot", "token-1")).isEmpty());
    assertTrue(find(new IdempotencyKey("alice", "UnlockSnapshot", "token-1")).isEmpty());
    assertTrue(find(new IdempotencyKey("alice", "LockSnapshot", "token-2")).isEmpty());
  }

  @Test
  void aKeyIsRecordedOnce() {
    insertAtNow(KEY);
    CompletionException failure = assertThrows(CompletionException.class, () -> insertAtNow(KEY));
    assertInstanceOf(StorageException.class, failure.getCause());
  }

  @Test
  void purgeKeepsRecordsForAtLeastADay() {
    insertAtNow(KEY);

    fixture.system().advance(Duration.ofHours(24));
    assertEquals(0, fixture.purgeExpiredRecords().join());
    assertTrue(find(KEY).isPresent());

    fixture.system().advance(StoreMaintenance.IDEMPOTENCY_RETENTION.minusHours(24).plusMillis(1));
    assertEquals(1, fixture.purgeExpiredRecords().join());
    assertTrue(find(KEY).isEmpty());
  }

  private void insertAtNow(IdempotencyKey key) {
    fixture
        .store()
        .write(
            tx -> {
              tx.idempotency()
                  .insert(
                      key,
                      new IdempotencyRecord(new byte[] {1, 2, 3}, new byte[] {9, 0, 9}, tx.now()));
              return null;
            })
        .join();
  }

  private Optional<IdempotencyRecord> find(IdempotencyKey key) {
    return fixture.store().dryRun(tx -> tx.idempotency().find(key)).join();
  }
}
