package io.lockctl.core.lockkey;

import io.lockctl.core.auth.Lrn;
import io.lockctl.core.operation.Action;
import io.lockctl.core.operation.Caller;
import io.lockctl.core.operation.Guard;
import io.lockctl.core.operation.Mutation;
import io.lockctl.core.operation.OperationRunner;
import io.lockctl.core.paging.Page;
import io.lockctl.core.transaction.Transactions;
import java.util.concurrent.CompletableFuture;

/**
 * The lock keys' application service, for every edge. A key is authorised under its id; a call that
 * names a key that does not exist is authorised under the reference it gave.
 */
public final class LockKeyService {
  static final Action CREATE_LOCK_KEY = new Action("CreateLockKey");
  static final Action GET_LOCK_KEY = new Action("GetLockKey");
  static final Action LIST_LOCK_KEYS = new Action("ListLockKeys");
  static final Action UPDATE_LOCK_KEY = new Action("UpdateLockKey");
  static final Action DELETE_LOCK_KEY = new Action("DeleteLockKey");
  static final Action LIST_LOCK_KEY_USAGES = new Action("ListLockKeyUsages");

  private final Transactions<? extends LockKeyReads, ? extends LockKeyWrites> store;
  private final OperationRunner operations;
  private final LockKeys keys;

  public LockKeyService(
      Transactions<? extends LockKeyReads, ? extends LockKeyWrites> store,
      OperationRunner operations,
      LockKeys keys) {
    this.store = store;
    this.operations = operations;
    this.keys = keys;
  }

  public CompletableFuture<LockKey> create(Mutation mutation, CreateLockKeyCommand command) {
    return operations.mutate(
        store,
        CREATE_LOCK_KEY,
        mutation,
        LockKeyCodec.KEY,
        (tx, guard) -> {
          String id = keys.unusedId(tx);
          guard.authorize(Lrn.lockKey(id));
          return changed(guard, keys.create(tx, command, id));
        });
  }

  public LockKey get(Caller caller, String lockKeyRef) {
    return operations.read(
        store,
        caller,
        GET_LOCK_KEY,
        (tx, guard) -> {
          authorize(tx, guard, lockKeyRef);
          return keys.get(tx, lockKeyRef);
        });
  }

  public Page<LockKey> list(Caller caller, int pageSize, String pageToken) {
    return operations.read(
        store,
        caller,
        LIST_LOCK_KEYS,
        (tx, guard) -> {
          guard.authorize(Lrn.LOCK_KEYS);
          return keys.list(tx, pageSize, pageToken);
        });
  }

  public CompletableFuture<LockKey> update(Mutation mutation, UpdateLockKeyCommand command) {
    return operations.mutate(
        store,
        UPDATE_LOCK_KEY,
        mutation,
        LockKeyCodec.KEY,
        (tx, guard) -> {
          authorize(tx, guard, command.lockKeyRef());
          return changed(guard, keys.update(tx, command));
        });
  }

  /** Deletes the key; the result is the key as it was. */
  public CompletableFuture<LockKey> delete(Mutation mutation, String lockKeyRef) {
    return operations.mutate(
        store,
        DELETE_LOCK_KEY,
        mutation,
        LockKeyCodec.KEY,
        (tx, guard) -> {
          authorize(tx, guard, lockKeyRef);
          LockKey deleted = keys.delete(tx, lockKeyRef);
          guard.changed(LockKeyCodec.state(null));
          return deleted;
        });
  }

  public Page<LockKeyUsage> usages(
      Caller caller, String lockKeyRef, int pageSize, String pageToken) {
    return operations.read(
        store,
        caller,
        LIST_LOCK_KEY_USAGES,
        (tx, guard) -> {
          authorize(tx, guard, lockKeyRef);
          return keys.usages(tx, keys.get(tx, lockKeyRef), pageSize, pageToken);
        });
  }

  /** Under the key's id when the reference names a key, else under the reference itself. */
  private void authorize(LockKeyReads tx, Guard guard, String lockKeyRef) {
    guard.authorize(Lrn.lockKey(keys.find(tx, lockKeyRef).map(LockKey::id).orElse(lockKeyRef)));
  }

  /** The key as the mutation left it, for the audit log, and as its result. */
  private static LockKey changed(Guard guard, LockKey key) {
    guard.changed(LockKeyCodec.state(key));
    return key;
  }
}
