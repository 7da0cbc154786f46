package io.lockctl.core.replication;

import io.lockctl.core.error.Rejection;
import io.lockctl.core.paging.Page;
import io.lockctl.core.paging.PageRequest;
import io.lockctl.core.store.ReadTransaction;
import io.lockctl.core.store.WriteTransaction;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lock keys' operations (SPEC.md section 4): the shell that loads keys and their users, asks the
 * pure decisions and writes what they accept. Every method either completes or throws a {@link
 * io.lockctl.core.error.RejectedException} having written nothing.
 */
public final class LockKeys {
  private static final String LIST_QUERY = "lock-keys";
  private static final int USERS_BATCH = 500;

  private final LockKeyIds ids = new LockKeyIds(new SecureRandom());

  public LockKey create(
      WriteTransaction tx, ReplicationRepositories repos, CreateLockKeyCommand command) {
    LockKey sameName = repos.lockKeys().findByName(command.name()).orElse(null);
    String id = ids.next();
    while (repos.lockKeys().findById(id).isPresent()) {
      id = ids.next();
    }
    LockKey created = LockKeyDecisions.create(sameName, command, id, tx.now()).orElseThrow();
    repos.lockKeys().insert(created);
    return created;
  }

  public LockKey get(ReadTransaction tx, ReplicationRepositories repos, String lockKeyRef) {
    throwIfMalformed(LockKeyDecisions.refViolations(lockKeyRef));
    return resolve(repos, lockKeyRef)
        .orElseThrow(() -> ReplicationRejections.keyNotFound(lockKeyRef).toException());
  }

  /** Keys in ascending name order. */
  public Page<LockKey> list(
      ReadTransaction tx, ReplicationRepositories repos, int pageSize, String pageToken) {
    int size = PageRequest.effectiveSize(pageSize);
    String afterName = Pages.after(LIST_QUERY, pageToken);
    return Pages.of(LIST_QUERY, repos.lockKeys().list(afterName, size + 1), size, LockKey::name);
  }

  public LockKey update(
      WriteTransaction tx, ReplicationRepositories repos, UpdateLockKeyCommand command) {
    throwIfMalformed(LockKeyDecisions.refViolations(command.lockKeyRef()));
    LockKey key = resolve(repos, command.lockKeyRef()).orElse(null);
    List<TargetRelationship> users = key == null ? List.of() : users(repos, key.id());
    KeyChange change = LockKeyDecisions.update(key, command, users).orElseThrow();
    if (!change.key().equals(key)) {
      repos.lockKeys().update(change.key());
    }
    change.detached().forEach(repos.targetRelationships()::update);
    return change.key();
  }

  /** Deletes the key; returns it as it was. */
  public LockKey delete(WriteTransaction tx, ReplicationRepositories repos, String lockKeyRef) {
    throwIfMalformed(LockKeyDecisions.refViolations(lockKeyRef));
    LockKey key = resolve(repos, lockKeyRef).orElse(null);
    List<TargetRelationship> users = key == null ? List.of() : users(repos, key.id());
    long locked = key == null ? 0 : repos.keyLockedSnapshots().countActive(key.id(), tx.now());
    KeyChange change = LockKeyDecisions.delete(key, lockKeyRef, users, locked).orElseThrow();
    change.detached().forEach(repos.targetRelationships()::update);
    repos.lockKeys().delete(change.key().id());
    return change.key();
  }

  /**
   * What uses the key: relationships (by id) first, then the snapshots it locks (by region and id).
   * A page token is "r" plus a relationship id, or "s" plus region and snapshot id.
   */
  public Page<LockKeyUsage> usages(
      ReadTransaction tx,
      ReplicationRepositories repos,
      String lockKeyRef,
      int pageSize,
      String pageToken) {
    LockKey key = get(tx, repos, lockKeyRef);
    int size = PageRequest.effectiveSize(pageSize);
    String query = "lock-key-usages key=" + key.id();
    String after = Pages.after(query, pageToken);
    List<LockKeyUsage> fetched = new ArrayList<>();
    if (after == null || after.startsWith("r")) {
      String afterId = after == null ? null : after.substring(1);
      for (TargetRelationship user :
          repos.targetRelationships().listUsingKey(key.id(), afterId, size + 1)) {
        fetched.add(
            new LockKeyUsage.Relationship(
                user.id(),
                user.regionId(),
                user.currentKeyId().filter(key.id()::equals).isPresent()
                    ? LockKeyUsage.Role.CURRENT
                    : LockKeyUsage.Role.DORMANT));
      }
    }
    if (fetched.size() <= size) {
      String[] afterSnapshot =
          after != null && after.startsWith("s")
              ? after.substring(1).split("/", 2)
              : new String[] {null, null};
      repos
          .keyLockedSnapshots()
          .listActive(
              key.id(), tx.now(), afterSnapshot[0], afterSnapshot[1], size + 1 - fetched.size())
          .forEach(snapshot -> fetched.add(new LockKeyUsage.Snapshot(snapshot)));
    }
    return Pages.of(query, fetched, size, LockKeys::position);
  }

  /** A key by id or by name: a name never has the form of an id. */
  static Optional<LockKey> resolve(ReplicationRepositories repos, String lockKeyRef) {
    return LockKeyIds.isId(lockKeyRef)
        ? repos.lockKeys().findById(lockKeyRef)
        : repos.lockKeys().findByName(lockKeyRef);
  }

  private static List<TargetRelationship> users(ReplicationRepositories repos, String keyId) {
    List<TargetRelationship> users = new ArrayList<>();
    List<TargetRelationship> batch =
        repos.targetRelationships().listUsingKey(keyId, null, USERS_BATCH);
    while (!batch.isEmpty()) {
      users.addAll(batch);
      batch =
          batch.size() < USERS_BATCH
              ? List.of()
              : repos
                  .targetRelationships()
                  .listUsingKey(keyId, batch.get(batch.size() - 1).id(), USERS_BATCH);
    }
    return users;
  }

  private static String position(LockKeyUsage usage) {
    if (usage instanceof LockKeyUsage.Relationship relationship) {
      return "r" + relationship.relationshipId();
    }
    KeyLockedSnapshot snapshot = ((LockKeyUsage.Snapshot) usage).snapshot();
    return "s" + snapshot.regionId() + "/" + snapshot.snapshotId();
  }

  private static void throwIfMalformed(Optional<Rejection> malformed) {
    if (malformed.isPresent()) {
      throw malformed.get().toException();
    }
  }
}
