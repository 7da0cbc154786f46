package io.lockctl.core.idempotency;

import io.lockctl.core.error.Reason;
import io.lockctl.core.error.Rejection;
import io.lockctl.core.store.Store;
import io.lockctl.core.store.WriteTransaction;
import io.lockctl.core.store.WriteWork;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The one way every mutating RPC runs: client-token idempotency and dry run around a unit of write
 * work, all inside the store's serial write order so that the token check, the work and the
 * remembered response commit (or roll back) together.
 */
public final class MutationRunner {
  private static final Pattern CLIENT_TOKEN = Pattern.compile("^[\\x20-\\x7E]{1,64}$");

  private final Store store;

  public MutationRunner(Store store) {
    this.store = store;
  }

  /**
   * Runs {@code work} as {@code mutation} says. A token already used with the same request replays
   * the remembered response without running the work; with a different request it is refused. A dry
   * run checks the token the same way but remembers nothing.
   */
  public <R> CompletableFuture<R> run(
      Mutation mutation, ResponseCodec<R> codec, WriteWork<R> work) {
    Optional<IdempotencyKey> key;
    try {
      key = idempotencyKey(mutation);
    } catch (RuntimeException rejected) {
      return CompletableFuture.failedFuture(rejected);
    }
    WriteWork<R> idempotentWork =
        tx -> {
          if (key.isPresent()) {
            Optional<R> replay = replay(tx, key.get(), mutation, codec);
            if (replay.isPresent()) {
              return replay.get();
            }
          }
          R response = work.run(tx);
          if (key.isPresent() && !mutation.dryRun()) {
            tx.idempotency()
                .insert(
                    key.get(),
                    new IdempotencyRecord(
                        mutation.requestFingerprint(), codec.encode(response), tx.now()));
          }
          return response;
        };
    return mutation.dryRun() ? store.dryRun(idempotentWork) : store.write(idempotentWork);
  }

  private static Optional<IdempotencyKey> idempotencyKey(Mutation mutation) {
    String token = mutation.clientToken();
    if (token.isEmpty()) {
      return Optional.empty();
    }
    if (!CLIENT_TOKEN.matcher(token).matches()) {
      throw Rejection.invalidField(
              Reason.INVALID_PARAMETER, "client_token", "must be 1-64 printable ASCII characters")
          .toException();
    }
    return Optional.of(new IdempotencyKey(mutation.caller(), mutation.operation(), token));
  }

  private static <R> Optional<R> replay(
      WriteTransaction tx, IdempotencyKey key, Mutation mutation, ResponseCodec<R> codec) {
    Optional<IdempotencyRecord> remembered = tx.idempotency().find(key);
    if (remembered.isEmpty()) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(
        remembered.get().requestFingerprint(), mutation.requestFingerprint())) {
      throw Rejection.of(
              Reason.IDEMPOTENT_PARAMETER_MISMATCH,
              "client_token was already used with a different request")
          .toException();
    }
    return Optional.of(codec.decode(remembered.get().response()));
  }
}
