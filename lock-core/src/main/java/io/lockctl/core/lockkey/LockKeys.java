package io.lockctl.core.lockkey;

import io.lockctl.core.error.Rejection;
import io.lockctl.core.ids.RandomIds;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.paging.Pages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lock keys' operations within a transaction: the shell that loads keys and their holders, asks the
 * pure decisions and writes what they accept. Every method either completes or throws a {@link
 * io.lockctl.core.error.RejectedException} having written nothing.
 */
public final class LockKeys {
  private static final String LIST_QUERY = "lock-keys";
  private static final int HOLDERS_BATCH = 500;

  private final RandomIds ids;
  private final Pages pages;

  public LockKeys(RandomIds ids, Pages pages) {
    this.ids = ids;
    this.pages = pages;
  }

  /** An id no key has, for the key a create would add. */
  public String unusedId(LockKeyReads tx) {
    String id = ids.lockKeyId();
    while (tx.lockKeys().findById(id).isPresent()) {
      id = ids.lockKeyId();
    }
    return id;
  }

  /** Registers the key under {@code id}, one {@link #unusedId} gave. */
  public LockKey create(LockKeyWrites tx, CreateLockKeyCommand command, String id) {
    LockKey sameName = tx.lockKeys().findByName(command.name()).orElse(null);
    LockKey created = LockKeyDecisions.create(sameName, command, id, tx.now()).orElseThrow();
    tx.lockKeys().insert(created);
    return created;
  }

  /** The key {@code lockKeyRef} names, if the reference is well formed and names one. */
  public Optional<LockKey> find(LockKeyReads tx, String lockKeyRef) {
    return LockKeyDecisions.refViolations(lockKeyRef).isPresent()
        ? Optional.empty()
        : tx.lockKeys().resolve(lockKeyRef);
  }

  public LockKey get(LockKeyReads tx, String lockKeyRef) {
    throwIfMalformed(LockKeyDecisions.refViolations(lockKeyRef));
    return tx.lockKeys()
        .resolve(lockKeyRef)
        .orElseThrow(() -> LockKeyRejections.keyNotFound(lockKeyRef).toException());
  }

  /** Keys in ascending name order. */
  public Page<LockKey> list(LockKeyReads tx, int pageSize, String pageToken) {
    int size = PageRequest.effectiveSize(pageSize);
    String afterName = pages.after(LIST_QUERY, pageToken);
    return pages.of(LIST_QUERY, tx.lockKeys().list(afterName, size + 1), size, LockKey::name);
  }

  public LockKey update(LockKeyWrites tx, UpdateLockKeyCommand command) {
    throwIfMalformed(LockKeyDecisions.refViolations(command.lockKeyRef()));
    LockKey key = tx.lockKeys().resolve(command.lockKeyRef()).orElse(null);
    List<KeyHolder> holders = key == null ? List.of() : holders(tx, key.id());
    KeyChange change = LockKeyDecisions.update(key, command, holders).orElseThrow();
    if (!change.key().equals(key)) {
      tx.lockKeys().update(change.key());
    }
    change.detached().forEach(holder -> tx.keyHolders().dropDormant(holder.relationshipId()));
    return change.key();
  }

  /** Deletes the key; returns it as it was. */
  public LockKey delete(LockKeyWrites tx, String lockKeyRef) {
    throwIfMalformed(LockKeyDecisions.refViolations(lockKeyRef));
    LockKey key = tx.lockKeys().resolve(lockKeyRef).orElse(null);
    List<KeyHolder> holders = key == null ? List.of() : holders(tx, key.id());
    long locked = key == null ? 0 : tx.keyLockedSnapshots().countActive(key.id(), tx.now());
    KeyChange change = LockKeyDecisions.delete(key, lockKeyRef, holders, locked).orElseThrow();
    change.detached().forEach(holder -> tx.keyHolders().dropDormant(holder.relationshipId()));
    tx.lockKeys().delete(change.key().id());
    return change.key();
  }

  /**
   * What uses the key: relationships (by id) first, then the snapshots it locks (by region and id).
   * A page token is "r" plus a relationship id, or "s" plus region and snapshot id.
   */
  public Page<LockKeyUsage> usages(LockKeyReads tx, LockKey key, int pageSize, String pageToken) {
    int size = PageRequest.effectiveSize(pageSize);
    String query = "lock-key-usages key=" + key.id();
    UsagePosition after = UsagePosition.parse(pages.after(query, pageToken));
    List<LockKeyUsage> fetched = new ArrayList<>();
    if (after.inRelationships()) {
      tx.keyHolders().holding(key.id(), after.relationshipId(), size + 1).stream()
          .map(LockKeyUsage.Relationship::new)
          .forEach(fetched::add);
    }
    if (fetched.size() <= size) {
      tx.keyLockedSnapshots()
          .listActive(
              key.id(), tx.now(), after.regionId(), after.snapshotId(), size + 1 - fetched.size())
          .forEach(snapshot -> fetched.add(new LockKeyUsage.Snapshot(snapshot)));
    }
    return pages.of(query, fetched, size, UsagePosition::of);
  }

  private static List<KeyHolder> holders(LockKeyReads tx, String keyId) {
    List<KeyHolder> holders = new ArrayList<>();
    List<KeyHolder> batch = tx.keyHolders().holding(keyId, null, HOLDERS_BATCH);
    while (!batch.isEmpty()) {
      holders.addAll(batch);
      batch =
          batch.size() < HOLDERS_BATCH
              ? List.of()
              : tx.keyHolders()
                  .holding(keyId, batch.get(batch.size() - 1).relationshipId(), HOLDERS_BATCH);
    }
    return holders;
  }

  private static void throwIfMalformed(Optional<Rejection> malformed) {
    if (malformed.isPresent()) {
      throw malformed.get().toException();
    }
  }
}
