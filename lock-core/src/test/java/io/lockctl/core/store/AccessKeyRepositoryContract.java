package io.lockctl.core.store;

import static io.lockctl.core.store.StoreFixture.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lockctl.core.accesskey.AccessKey;
import io.lockctl.core.transaction.StorageException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The access-key repository through a whole store; a subclass per store runs it. */
public abstract class AccessKeyRepositoryContract {
  private final StoreFixture fixture = newFixture();

  /** A store on a fresh database of the kind under test. */
  protected abstract StoreFixture newFixture();

  @AfterEach
  void tearDown() throws Exception {
    fixture.close();
  }

  private static AccessKey key(int n, String principal) {
    return new AccessKey(
        String.format("LCAK%016d", n),
        principal,
        "sealed-" + n + "-" + "s".repeat(60),
        START.plusMillis(n));
  }

  @Test
  void aKeyRoundTripsEveryFieldAndIsGoneOnceDeleted() {
    AccessKey key =
        new AccessKey(
            "LCAK0000000000000001", "spiffe://corp.example/ns/ops/sa/ünïcode", "c2VhbGVk", START);
    fixture.write(tx -> tx.accessKeys().insert(key));

    assertEquals(Optional.of(key), find(key.id()));
    assertEquals(Optional.empty(), find("LCAK0000000000000002"));

    fixture.write(tx -> tx.accessKeys().delete(key.id()));
    assertEquals(Optional.empty(), find(key.id()));
    fixture.write(tx -> tx.accessKeys().delete(key.id()));
    assertEquals(Optional.empty(), find(key.id()), "deleting an absent key changes nothing");
  }

  @Test
  void anIdIsTakenOnceAndAFailedInsertWritesNothing() {
    fixture.write(tx -> tx.accessKeys().insert(key(1, "ops")));

    CompletionException failure =
        assertThrows(
            CompletionException.class,
            () ->
                fixture.write(
                    tx -> {
                      tx.accessKeys().insert(key(2, "ops"));
                      tx.accessKeys().insert(new AccessKey(key(1, "x").id(), "other", "y", START));
                    }));

    assertInstanceOf(StorageException.class, failure.getCause());
    assertEquals(Optional.of(key(1, "ops")), find(key(1, "ops").id()));
    assertEquals(Optional.empty(), find(key(2, "ops").id()), "the transaction rolled back whole");
  }

  @Test
  void listingPagesInIdOrderForOnePrincipalOrAll() {
    fixture.write(
        tx -> {
          for (int n : new int[] {5, 1, 4, 2, 3}) {
            tx.accessKeys().insert(key(n, n % 2 == 0 ? "even" : "odd"));
          }
        });

    assertEquals(List.of(key(1, "odd"), key(2, "even")), list("", null, 2));
    assertEquals(
        List.of(key(3, "odd"), key(4, "even"), key(5, "odd")), list("", key(2, "").id(), 10));
    assertEquals(List.of(key(1, "odd"), key(3, "odd"), key(5, "odd")), list("odd", null, 10));
    assertEquals(List.of(key(4, "even")), list("even", key(2, "").id(), 10));
    assertEquals(List.of(), list("nobody", null, 10));
    assertEquals(List.of(), list("", key(5, "").id(), 10));
  }

  private Optional<AccessKey> find(String id) {
    return fixture.store().read(tx -> tx.accessKeys().find(id));
  }

  private List<AccessKey> list(String principal, String afterId, int limit) {
    return fixture.store().read(tx -> tx.accessKeys().list(principal, afterId, limit));
  }
}
