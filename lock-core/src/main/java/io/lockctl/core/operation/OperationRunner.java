package io.lockctl.core.operation;

import io.lockctl.core.audit.AuditEntry;
import io.lockctl.core.audit.AuditTrail;
import io.lockctl.core.audit.MutationRecord;
import io.lockctl.core.error.ErrorCode;
import io.lockctl.core.error.Reason;
import io.lockctl.core.error.RejectedException;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.idempotency.IdempotencyKey;
import io.lockctl.core.idempotency.IdempotencyRecord;
import io.lockctl.core.idempotency.ResultCodec;
import io.lockctl.core.transaction.ReadView;
import io.lockctl.core.transaction.Transactions;
import io.lockctl.core.transaction.WriteScope;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The one place where every operation of every feature runs, whichever edge called it. It chooses
 * the transaction (a read, a write, or a dry run), gives the work its access {@link Guard}, and for
 * a mutation keeps the client token's idempotency record and the audit record in the same
 * transaction as the change, so that the token check, the change and both records commit (or roll
 * back) together. A refused mutation of a resource the caller named is recorded too, in a
 * transaction of its own.
 */
public final class OperationRunner {
  private static final Pattern CLIENT_TOKEN = Pattern.compile("^[\\x20-\\x7E]{1,64}$");

  /**
   * The refusals the audit log records: a denied access, and a refused change of an existing
   * resource. Malformed requests, missing resources and quotas are only answered.
   */
  private static final Set<ErrorCode> AUDITED_REFUSALS =
      EnumSet.of(
          ErrorCode.PERMISSION_DENIED, ErrorCode.FAILED_PRECONDITION, ErrorCode.ALREADY_EXISTS);

  private final AccessControl access;
  private final AuditTrail audit;

  public OperationRunner(AccessControl access, AuditTrail audit) {
    this.access = access;
    this.audit = audit;
  }

  /** Work against a transaction view, with the call's access guard. */
  @FunctionalInterface
  public interface Work<V, T> {
    T run(V tx, Guard guard);
  }

  /** Runs a read of {@code action} against committed state, on the calling thread. */
  public <R extends ReadView, T> T read(
      Transactions<? extends R, ?> store, Caller caller, Action action, Work<R, T> work) {
    Guard guard = new Guard(access, caller, action, false);
    return store.read(tx -> work.run(tx, guard));
  }

  /**
   * Runs a mutation of {@code action} as {@code mutation} says. A token already used with the same
   * request replays the remembered result without running the work; with a different request it is
   * refused. A dry run checks the token the same way but remembers and records nothing.
   */
  public <W extends MutationWrites, T> CompletableFuture<T> mutate(
      Transactions<?, ? extends W> store,
      Action action,
      Mutation mutation,
      ResultCodec<T> codec,
      Work<W, T> work) {
    return mutate(store, action, mutation, codec, null, work);
  }

  /**
   * As {@link #mutate(Transactions, Action, Mutation, ResultCodec, Work)}, for work that touches
   * only the rows {@code scope} names: the client token's record joins the scope, so two attempts
   * with one token, through two processes, still run one after the other.
   */
  public <W extends MutationWrites, T> CompletableFuture<T> mutate(
      Transactions<?, ? extends W> store,
      Action action,
      Mutation mutation,
      ResultCodec<T> codec,
      WriteScope scope,
      Work<W, T> work) {
    Optional<IdempotencyKey> key;
    try {
      key = idempotencyKey(action, mutation);
    } catch (RuntimeException rejected) {
      return CompletableFuture.failedFuture(rejected);
    }
    Guard guard = new Guard(access, mutation.caller(), action, mutation.dryRun());
    Function<W, T> remembering = tx -> remembered(tx, key, mutation, codec, work, guard);
    WriteScope withToken =
        scope == null ? null : key.map(token -> scope.and(scopeKey(token))).orElse(scope);
    if (mutation.dryRun()) {
      return withToken == null ? store.dryRun(remembering) : store.dryRun(withToken, remembering);
    }
    return write(store, withToken, remembering)
        .exceptionallyCompose(failure -> recordRefusal(store, mutation, guard, failure, withToken));
  }

  /** A write in {@code scope}, or, when it is null, one that may touch anything. */
  private static <W, T> CompletableFuture<T> write(
      Transactions<?, ? extends W> store, WriteScope scope, Function<W, T> work) {
    return scope == null ? store.write(work) : store.write(scope, work);
  }

  /** The scope key of a client token's record, apart from every resource's. */
  private static String scopeKey(IdempotencyKey token) {
    return "client-token\0"
        + token.caller()
        + "\0"
        + token.operation()
        + "\0"
        + token.clientToken();
  }

  private <W extends MutationWrites, T> T remembered(
      W tx,
      Optional<IdempotencyKey> key,
      Mutation mutation,
      ResultCodec<T> codec,
      Work<W, T> work,
      Guard guard) {
    if (key.isPresent()) {
      Optional<T> replay = replay(tx, key.get(), mutation, codec);
      if (replay.isPresent()) {
        return replay.get();
      }
    }
    T result = work.run(tx, guard);
    if (!mutation.dryRun()) {
      key.ifPresent(
          token ->
              tx.idempotency()
                  .insert(
                      token,
                      new IdempotencyRecord(
                          mutation.requestDigest(), codec.encode(result), tx.now())));
      if (guard.resource() == null) {
        throw new IllegalStateException(guard.action().rpc() + " ran without an access check");
      }
      audit.append(tx, record(guard, mutation, AuditEntry.OUTCOME_OK));
    }
    return result;
  }

  /**
   * Records a refusal of a resource the caller named, then fails as the write did. A failure of the
   * record's own write leaves the caller's answer unchanged: the refusal is what it was. It writes
   * only its audit record, so the refused write's scope, if it had one, covers it.
   */
  private <T> CompletableFuture<T> recordRefusal(
      Transactions<?, ? extends MutationWrites> store,
      Mutation mutation,
      Guard guard,
      Throwable failure,
      WriteScope scope) {
    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
    if (!(cause instanceof RejectedException refused)
        || guard.resource() == null
        || !AUDITED_REFUSALS.contains(refused.reason().code())) {
      return CompletableFuture.failedFuture(cause);
    }
    MutationRecord record = record(guard, mutation, refused.reason().name());
    Function<MutationWrites, Void> recording =
        tx -> {
          audit.append(tx, record);
          return null;
        };
    return write(store, scope, recording)
        .handle((recorded, ignored) -> null)
        .thenCompose(done -> CompletableFuture.failedFuture(cause));
  }

  private static MutationRecord record(Guard guard, Mutation mutation, String outcome) {
    return new MutationRecord(
        mutation.caller().principal(),
        guard.action().policyName(),
        guard.resource(),
        mutation.requestDigest(),
        outcome,
        mutation.clientToken(),
        guard.after());
  }

  private static Optional<IdempotencyKey> idempotencyKey(Action action, Mutation mutation) {
    String token = mutation.clientToken();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (!CLIENT_TOKEN.matcher(token).matches()) {
      throw Rejection.invalidField(
              Reason.INVALID_PARAMETER, "client_token", "must be 1-64 printable ASCII characters")
          .toException();
    }
    return Optional.of(new IdempotencyKey(mutation.caller().principal(), action.rpc(), token));
  }

  private static <T> Optional<T> replay(
      MutationWrites tx, IdempotencyKey key, Mutation mutation, ResultCodec<T> codec) {
    Optional<IdempotencyRecord> remembered = tx.idempotency().find(key);
    if (remembered.isEmpty()) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(remembered.get().requestFingerprint(), mutation.requestDigest())) {
      throw Rejection.of(
              Reason.IDEMPOTENT_PARAMETER_MISMATCH,
              "client_token was already used with a different request")
          .toException();
    }
    return Optional.of(codec.decode(remembered.get().response()));
  }
}
